/**
 * `$ref` resolution in the loader (fixture `loader/refs`): across files (`../../`, common-types,
 * a sub-folder and back), to `#/parameters/...` body parameters (local and in another file), JSON
 * pointers with `~0`/`~1` escapes and percent-encoding, names of referenced definitions kept, and
 * `$ref` cycles between definitions.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers.js';
import { objectOf, packageOf, propertyOf, resourceOf, withCode } from './util.js';

const things = 'specification/refs/resource-manager/Contoso.Refs/stable/2022-01-01/things.json';
const commonTypes = 'specification/common-types/resource-management/v2/types.json';

describe('$ref resolution', () => {
  const { model, diagnostics } = loadFixture('loader/refs');
  const pkg = packageOf(model, 'Contoso.Refs', '2022-01-01');
  const thing = objectOf(pkg, 'Thing');
  const refOf = (armName: string) => propertyOf(thing, armName).type;

  it('loads with no diagnostic but the documented name collision', () => {
    expect(diagnostics.map((d) => [d.code, d.location?.file, d.location?.pointer])).toEqual([
      ['type-name-collision', commonTypes, '/definitions/Sku'],
    ]);
  });

  it('follows a body parameter given as $ref to #/parameters/...', () => {
    const r = resourceOf(pkg, 'Contoso.Refs/things');
    expect(r.putType).toEqual({ kind: 'ref', name: 'Thing' });
    expect(r.getType).toEqual({ kind: 'ref', name: 'Thing' });
  });

  it('follows a body parameter in another file (../../common/v1), resolving its schema $ref against that file', () => {
    const r = resourceOf(pkg, 'Contoso.Refs/things/parts');
    expect(r.putType).toEqual({ kind: 'ref', name: 'PartBody' });
    expect(pkg.types.PartBody.source).toEqual({
      file: 'specification/refs/resource-manager/Contoso.Refs/common/v1/definitions.json',
      pointer: '/definitions/PartBody',
    });
    // PUT 201 only, in a sub-folder file: ./entities/parts.json
    expect(r.getType).toEqual({ kind: 'ref', name: 'Part' });
    expect(pkg.types.Part.source?.file).toBe('specification/refs/resource-manager/Contoso.Refs/stable/2022-01-01/entities/parts.json');
  });

  it('resolves ../things.json from a sub-folder back to the same definition (one named type)', () => {
    expect(propertyOf(objectOf(pkg, 'Part'), 'thing').type).toEqual({ kind: 'ref', name: 'Thing' });
    expect(Object.keys(pkg.types).filter((n) => n.startsWith('Thing'))).toEqual(['Thing']);
  });

  it('copies common-types definitions into the package under their own names (allOf chain included)', () => {
    expect(thing.bases).toEqual([{ kind: 'ref', name: 'TrackedResource' }]);
    const tracked = objectOf(pkg, 'TrackedResource');
    expect(tracked.bases).toEqual([{ kind: 'ref', name: 'Resource' }]);
    expect(propertyOf(tracked, 'location').required).toBe(true);
    expect(propertyOf(tracked, 'location').mutability).toEqual(['read', 'create']);
    expect(objectOf(pkg, 'Resource').azureResource).toBe(true);
    expect(pkg.types.TrackedResource.source).toEqual({ file: commonTypes, pointer: '/definitions/TrackedResource' });
  });

  it('keeps the local name for the local definition and suffixes the external one when two definitions share a name', () => {
    expect(refOf('sku')).toEqual({ kind: 'ref', name: 'Sku' });
    expect(refOf('commonSku')).toEqual({ kind: 'ref', name: 'Sku_Types' });
    expect(propertyOf(objectOf(pkg, 'Sku'), 'tier')).toBeDefined();
    expect(propertyOf(objectOf(pkg, 'Sku_Types'), 'capacity').type).toEqual({ kind: 'primitive', primitive: 'integer', format: 'int32' });
  });

  it('resolves a definition in ../../common/v1 which itself points back into the package', () => {
    expect(refOf('tagged')).toEqual({ kind: 'ref', name: 'Tagged' });
    expect(propertyOf(objectOf(pkg, 'Tagged'), 'owner').type).toEqual({ kind: 'ref', name: 'Owner' });
  });

  it('unescapes ~1 and ~0 and keeps the definition name as the type name', () => {
    expect(refOf('slashed')).toEqual({ kind: 'ref', name: 'a/b' });
    expect(refOf('tilde')).toEqual({ kind: 'ref', name: 'c~d' });
    expect(pkg.types['a/b'].description).toBe('a name with a slash, referenced as a~1b');
    expect(pkg.types['c~d'].description).toBe('a name with a tilde, referenced as c~0d');
    expect(propertyOf(objectOf(pkg, 'a/b'), 'slash').type).toEqual({ kind: 'primitive', primitive: 'boolean' });
  });

  it('percent-decodes the pointer: #/definitions/with%20space is the definition "with space", once', () => {
    expect(refOf('spaced')).toEqual({ kind: 'ref', name: 'with space' });
    expect(pkg.types['with space'].source).toEqual({ file: things, pointer: '/definitions/with space' });
    expect(Object.keys(pkg.types).filter((n) => n.startsWith('with space'))).toEqual(['with space']);
  });

  it('inlines a $ref to a non-definition pointer', () => {
    expect(refOf('inlined')).toEqual({ kind: 'primitive', primitive: 'string', format: 'email', validations: { maxLength: 254 } });
  });

  it('loads a definition cycle A → B → A, keeping both named types', () => {
    expect(refOf('head')).toEqual({ kind: 'ref', name: 'NodeA' });
    expect(propertyOf(objectOf(pkg, 'NodeA'), 'next').type).toEqual({ kind: 'ref', name: 'NodeB' });
    expect(propertyOf(objectOf(pkg, 'NodeB'), 'back').type).toEqual({ kind: 'ref', name: 'NodeA' });
    expect(withCode(diagnostics, 'ref-cycle')).toEqual([]);
  });

  it('loads a self-recursive definition', () => {
    expect(propertyOf(objectOf(pkg, 'Tree'), 'children').type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'Tree' } });
  });

  it('names every type exactly once', () => {
    expect(Object.keys(pkg.types).sort()).toEqual(
      ['Thing', 'Sku', 'Sku_Types', 'Tagged', 'Owner', 'a/b', 'c~d', 'with space', 'NodeA', 'NodeB', 'Tree', 'TrackedResource', 'Resource', 'PartBody', 'Part'].sort(),
    );
  });
});

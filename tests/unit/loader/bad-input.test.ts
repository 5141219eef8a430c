/**
 * Bad input (fixture `loader/bad-input`): each problem is a diagnostic with a code, a message and
 * the location (file relative to the specs root, JSON pointer), nothing throws, and the rest of
 * the file, package and tree is still loaded.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers.js';
import { objectOf, packageOf, pathPointer, propertyOf, resourceOf, withCode } from './util.js';

const bad = 'specification/bad/resource-manager/Contoso.Bad/stable';

describe('bad input', () => {
  const load = () => loadFixture('loader/bad-input');

  it('does not throw', () => {
    expect(load).not.toThrow();
  });

  const { model, diagnostics } = load();

  it('still loads the good package of the tree', () => {
    const fine = packageOf(model, 'Contoso.Fine', '2020-01-01');
    expect(resourceOf(fine, 'Contoso.Fine/fines').putType).toEqual({ kind: 'ref', name: 'Fine' });
  });

  it('reports nothing but the expected problems', () => {
    expect(diagnostics.map((d) => `${d.code}@${d.location?.file}`).sort()).toEqual(
      [
        `dangling-ref@${bad}/2020-02-01/refs.json`,
        `dangling-ref@${bad}/2020-02-01/refs.json`,
        `dangling-ref@${bad}/2020-02-01/refs.json`,
        `duplicate-path@${bad}/2020-04-01/second.json`,
        `file-unreadable@${bad}/2020-02-01/nowhere.json`,
        `invalid-json@${bad}/2020-01-01/broken.json`,
        `invalid-json@${bad}/2020-05-01/truncated.json`,
        `missing-put-body@${bad}/2020-02-01/refs.json`,
        `missing-type@${bad}/2020-03-01/types.json`,
        `not-swagger@${bad}/2020-01-01/notes.json`,
        `ref-cycle@${bad}/2020-03-01/types.json`,
      ].sort(),
    );
    expect(diagnostics.every((d) => d.source === 'loader')).toBe(true);
  });

  describe('invalid JSON', () => {
    it('is an error on the file, with the parser message', () => {
      const found = withCode(diagnostics, 'invalid-json').find((d) => d.location?.file.endsWith('broken.json'));
      expect(found).toMatchObject({ severity: 'error', location: { file: `${bad}/2020-01-01/broken.json`, pointer: '' } });
      expect(found!.message).toMatch(/^not valid JSON: /);
    });

    it('leaves the other files of the package loaded', () => {
      const pkg = packageOf(model, 'Contoso.Bad', '2020-01-01');
      expect(pkg.files).toEqual([`${bad}/2020-01-01/good.json`]);
      expect(pkg.resources.map((r) => r.armType)).toEqual(['Contoso.Bad/goods']);
      expect(Object.keys(pkg.types)).toEqual(['Good']);
    });

    it('drops a package whose only file is broken, and reports it', () => {
      expect(model.packages.some((p) => p.apiVersion === '2020-05-01')).toBe(false);
      expect(withCode(diagnostics, 'invalid-json').map((d) => d.location)).toContainEqual({ file: `${bad}/2020-05-01/truncated.json`, pointer: '' });
    });
  });

  it('a JSON file that is not Swagger is a warning and is left out of the package', () => {
    const [found] = withCode(diagnostics, 'not-swagger');
    expect(found).toMatchObject({ severity: 'warning', location: { file: `${bad}/2020-01-01/notes.json`, pointer: '' } });
    expect(found.message).toContain('not a Swagger document');
  });

  describe('dangling $ref', () => {
    const refs = `${bad}/2020-02-01/refs.json`;
    const dangling = withCode(diagnostics, 'dangling-ref');
    const pkg = packageOf(model, 'Contoso.Bad', '2020-02-01');
    const holder = objectOf(pkg, 'Holder');

    it('to a missing definition: error at the property holding the $ref, which becomes any', () => {
      const found = dangling.find((d) => d.message.includes('#/definitions/DoesNotExist'));
      expect(found).toMatchObject({ severity: 'error', location: { file: refs, pointer: '/definitions/Holder/properties/missing' } });
      expect(propertyOf(holder, 'missing').type).toEqual({ kind: 'any' });
      expect(pkg.types.DoesNotExist).toBeUndefined();
    });

    it('to a missing file: the file cannot be read, and the $ref dangles', () => {
      const found = dangling.find((d) => d.message.includes('./nowhere.json#/definitions/Anything'));
      expect(found).toMatchObject({ location: { file: refs, pointer: '/definitions/Holder/properties/elsewhere' } });
      expect(found!.message).toContain('cannot be loaded');
      expect(withCode(diagnostics, 'file-unreadable')).toMatchObject([{ location: { file: `${bad}/2020-02-01/nowhere.json`, pointer: '' } }]);
      expect(propertyOf(holder, 'elsewhere').type).toEqual({ kind: 'any' });
    });

    it('to a missing body parameter: error at the parameter; the resource has no body type but keeps its response type', () => {
      const url = '/subscriptions/{subscriptionId}/providers/Contoso.Bad/holders/{holderName}';
      const found = dangling.find((d) => d.message.includes('#/parameters/MissingBody'));
      expect(found).toMatchObject({ severity: 'error', location: { file: refs, pointer: pathPointer('paths', url, 'put', 'parameters', '0') } });
      const r = resourceOf(pkg, 'Contoso.Bad/holders');
      expect(r.putType).toBeUndefined();
      expect(r.getType).toEqual({ kind: 'ref', name: 'Holder' });
    });

    it('leaves the rest of the definition converted', () => {
      expect(propertyOf(holder, 'kept').type).toEqual({ kind: 'primitive', primitive: 'string' });
    });
  });

  describe('definitions', () => {
    const types = `${bad}/2020-03-01/types.json`;
    const pkg = packageOf(model, 'Contoso.Bad', '2020-03-01');

    it('an alias cycle (Alpha: $ref Beta, Beta: $ref Alpha) is one ref-cycle error; the cycle is broken with any', () => {
      const found = withCode(diagnostics, 'ref-cycle');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', location: { file: types, pointer: '/definitions/Alpha' } });
      expect(found[0].message).toContain('Alpha → Beta');
      expect(pkg.types.Alpha.type).toEqual({ kind: 'any' });
      expect(pkg.types.Beta.type).toEqual({ kind: 'ref', name: 'Alpha' });
      expect(propertyOf(objectOf(pkg, 'User'), 'alpha').type).toEqual({ kind: 'ref', name: 'Alpha' });
    });

    it('a definition with no type is a missing-type warning and becomes any', () => {
      const found = withCode(diagnostics, 'missing-type');
      expect(found).toMatchObject([{ severity: 'warning', location: { file: types, pointer: '/definitions/Shapeless' } }]);
      expect(found[0].message).toContain('definition Shapeless has no type');
      expect(pkg.types.Shapeless.type).toEqual({ kind: 'any' });
      expect(propertyOf(objectOf(pkg, 'User'), 'name').type).toEqual({ kind: 'primitive', primitive: 'string' });
    });
  });

  it('a PUT path declared twice in a package (parameter names aside) is a warning at the second; the first is used', () => {
    const second = '/subscriptions/{subscriptionId}/providers/Contoso.Bad/twins/{name}';
    const first = '/subscriptions/{subscriptionId}/providers/Contoso.Bad/twins/{twinName}';
    const found = withCode(diagnostics, 'duplicate-path');
    expect(found).toMatchObject([{ severity: 'warning', location: { file: `${bad}/2020-04-01/second.json`, pointer: pathPointer('paths', second, 'put') } }]);
    expect(found[0].message).toContain(`${bad}/2020-04-01/first.json#${pathPointer('paths', first, 'put')}`);
    const pkg = packageOf(model, 'Contoso.Bad', '2020-04-01');
    expect(pkg.resources).toHaveLength(1);
    expect(resourceOf(pkg, 'Contoso.Bad/twins')).toMatchObject({ urlTemplate: first, putType: { kind: 'ref', name: 'TwinOne' } });
    // the second file's definitions are still loaded
    expect(Object.keys(pkg.types)).toEqual(['TwinOne', 'TwinTwo']);
  });
});

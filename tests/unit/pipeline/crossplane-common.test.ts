/**
 * crossplane-common (not a stage): the crossplane-runtime types a package gets once, named
 * `Crossplane<Name>` unless the specs took the name, and found again by later stages.
 */
import { describe, expect, it } from 'vitest';
import type { TypeDefinition } from '../../../generator/model/types.js';
import { CommonTypes } from '../../../generator/pipeline/crossplane-common.js';

const ARM_REFERENCE: TypeDefinition = { name: 'CrossplaneReference', type: { kind: 'object', properties: [] }, source: { file: 'test.json', pointer: '/definitions/CrossplaneReference' } };

describe('CommonTypes', () => {
  it('adds a type and the types it uses once, numbered past a name the specs took', () => {
    const common = new CommonTypes({ types: { CrossplaneReference: ARM_REFERENCE } });
    expect(common.ref('Reference')).toEqual({ kind: 'ref', name: 'CrossplaneReference2' });
    expect(common.ref('Reference')).toEqual({ kind: 'ref', name: 'CrossplaneReference2' });
    expect([...common.added.keys()]).toEqual(['CrossplaneReference2', 'CrossplanePolicy']);
    const reference = common.added.get('CrossplaneReference2')!;
    expect(reference.type.kind === 'object' && reference.type.properties.map((p) => [p.name, p.type])).toEqual([
      ['name', { kind: 'primitive', primitive: 'string' }],
      ['policy', { kind: 'ref', name: 'CrossplanePolicy' }],
    ]);
  });

  it('finds the types an earlier stage added by their source, and adds nothing again', () => {
    const first = new CommonTypes({ types: {} });
    first.nameOf('Selector');
    const later = new CommonTypes({ types: Object.fromEntries(first.added) });
    expect(later.nameOf('Selector')).toBe('CrossplaneSelector');
    expect(later.nameOf('Policy')).toBe('CrossplanePolicy');
    expect(later.added.size).toBe(0);
    expect(later.nameOf('Condition')).toBe('CrossplaneCondition');
    expect(later.added.get('CrossplaneCondition')?.side).toBe('status');
  });
});

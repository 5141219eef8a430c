/**
 * `validate` refuses what the API server refuses in a list map: two items with the same key
 * ("Duplicate value"). A disagreement the cluster suite would show once lists became list maps.
 */
import { describe, expect, it } from 'vitest';
import { listMapErrors } from '../../../generator/output-reader/list-map-check.js';
import { compileValidator } from '../../../generator/output-reader/validate-object.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        disks: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, size: { type: 'integer' } } },
        },
      },
    },
  },
};

describe('list maps in validate', () => {
  it('names the second item with a key already seen', () => {
    const object = { spec: { disks: [{ name: 'a', size: 1 }, { name: 'b' }, { name: 'a', size: 2 }] } };
    expect(listMapErrors(object, schema)).toEqual([{ path: 'spec.disks[2]', message: 'Duplicate value: {"name":"a"}' }]);
    expect(compileValidator(schema)(object)).toEqual([{ path: 'spec.disks[2]', message: 'Duplicate value: {"name":"a"}' }]);
  });

  it('accepts distinct keys, and lists that are not list maps', () => {
    expect(compileValidator(schema)({ spec: { disks: [{ name: 'a' }, { name: 'b' }] } })).toEqual([]);
    const atomic = { type: 'object', properties: { xs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } };
    expect(listMapErrors({ xs: [{ name: 'a' }, { name: 'a' }] }, atomic)).toEqual([]);
  });
});

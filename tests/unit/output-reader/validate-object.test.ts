/** CRD schemas checked with ajv as the API server checks objects, and the wording of each error. */
import { describe, expect, it } from 'vitest';
import { crdSchemaToJsonSchema, pruneNulls } from '../../../generator/output-reader/crd-json-schema.js';
import { compileValidator, pathOfPointer } from '../../../generator/output-reader/validate-object.js';

const schema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        owner: { type: 'object', properties: { name: { type: 'string' }, armId: { type: 'string' } }, oneOf: [{ required: ['name'] }, { required: ['armId'] }] },
        tier: { type: 'string', enum: ['Hot', 'Cool'] },
        port: { 'x-kubernetes-int-or-string': true },
        zones: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        size: { type: 'integer', minimum: 1, exclusiveMinimum: true },
        note: { type: 'string', nullable: true },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', properties: { known: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
        'odd.key': { type: 'string' },
      },
      required: ['owner'],
    },
  },
};

const validate = compileValidator(schema);
const object = (spec: Record<string, unknown>) => ({ apiVersion: 'g/v1', metadata: { name: 'x' }, spec: { owner: { name: 'o' }, ...spec } });

describe('compileValidator', () => {
  it('accepts what Kubernetes accepts: int-or-string, preserved unknown fields, nullable, pruned nulls', () => {
    expect(validate(object({ port: 80, zones: ['1', '2'], size: 2, note: null, tier: null, free: { known: 'a', other: 1 }, tags: { a: 'b' } }))).toEqual([]);
    expect(validate(object({ port: 'http' }))).toEqual([]);
  });

  it('words each error on the path of the field', () => {
    const errors = validate(object({ owner: {}, tier: 'Lukewarm', port: true, zones: ['1', '1'], size: 1, extra: 1, tags: { a: 1 }, 'odd.key': 5 }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'spec.owner', message: 'must match exactly one of: {name} | {armId}' },
        { path: 'spec.tier', message: 'must be one of "Hot", "Cool" (got "Lukewarm")' },
        { path: 'spec.port', message: 'must be integer or string (got boolean true)' },
        { path: 'spec.extra', message: 'unknown field' },
        { path: 'spec.tags.a', message: 'must be string (got integer 1)' },
        { path: 'spec["odd.key"]', message: 'must be string (got integer 5)' },
      ]),
    );
    expect(errors.find((e) => e.path === 'spec.zones')?.message).toMatch(/duplicate items/);
    expect(errors.find((e) => e.path === 'spec.size')?.message).toMatch(/must be > 1/);
    // The branches of the failed oneOf are summed up, not listed one by one.
    expect(errors.filter((e) => e.path === 'spec.owner')).toHaveLength(1);
    expect(validate({ apiVersion: 'g/v1', metadata: {}, spec: {} })).toEqual([{ path: 'spec.owner', message: 'required field is missing' }]);
  });
});

describe('crdSchemaToJsonSchema and pruneNulls', () => {
  it('closes objects that list their properties, unless they preserve unknown fields or have additionalProperties', () => {
    const out = crdSchemaToJsonSchema(schema) as { properties: { spec: { additionalProperties: unknown; properties: Record<string, Record<string, unknown>> } } };
    expect(out.properties.spec.additionalProperties).toBe(false);
    expect(out.properties.spec.properties.free.additionalProperties).toBeUndefined();
    expect(out.properties.spec.properties.tags.additionalProperties).toEqual({ type: 'string' });
    expect(out.properties.spec.properties.size).toMatchObject({ exclusiveMinimum: 1 });
    expect(JSON.stringify(out)).not.toContain('x-kubernetes');
  });

  it('drops null values except where the schema is nullable', () => {
    expect(pruneNulls({ spec: { note: null, tier: null, zones: [null] } }, schema)).toEqual({ spec: { note: null, zones: [null] } });
  });

  it('turns JSON pointers into field paths', () => {
    expect(pathOfPointer('/spec/ipRules/0/action')).toBe('spec.ipRules[0].action');
    expect(pathOfPointer('/spec/tags/a~1b', 'c')).toBe('spec.tags["a/b"].c');
    expect(pathOfPointer('')).toBe('');
  });
});

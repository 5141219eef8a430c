import { describe, expect, it } from 'vitest';
import { SchemaBuilder } from '../../../../generator/emit/crd/schema.js';
import { checkStructural } from '../../../../generator/emit/crd/structural.js';
import type { CrdSchema } from '../../../../generator/emit/crd/openapi.js';
import type { ObjectType, Type } from '../../../../generator/model/types.js';
import { codes, pkgOf, prop, recordingContext, STRING, toJsonSchema, validatorOf } from './helpers.js';

function build(t: Type, side: 'spec' | 'status' = 'spec', types: Parameters<typeof pkgOf>[0] = {}) {
  const context = recordingContext();
  const builder = new SchemaBuilder(pkgOf(types), context);
  return { schema: builder.type(t, side), context, builder };
}

/** The schema as the root of a CRD version (spec), checked structurally. */
function asRoot(spec: CrdSchema): CrdSchema {
  return { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec } };
}

function structural(spec: CrdSchema) {
  return checkStructural(asRoot(spec), 'Widget');
}

describe('crd schema: primitives', () => {
  it('maps the primitive type and keeps the formats Kubernetes checks and ARM values satisfy', () => {
    const cases: [Type, CrdSchema][] = [
      [{ kind: 'primitive', primitive: 'string' }, { type: 'string' }],
      [{ kind: 'primitive', primitive: 'boolean' }, { type: 'boolean' }],
      [{ kind: 'primitive', primitive: 'integer', format: 'int32' }, { type: 'integer', format: 'int32' }],
      [{ kind: 'primitive', primitive: 'integer', format: 'int64' }, { type: 'integer', format: 'int64' }],
      [{ kind: 'primitive', primitive: 'number', format: 'double' }, { type: 'number', format: 'double' }],
      [{ kind: 'primitive', primitive: 'number', format: 'decimal' }, { type: 'number' }],
      [{ kind: 'primitive', primitive: 'string', format: 'date-time' }, { type: 'string', format: 'date-time' }],
      [{ kind: 'primitive', primitive: 'string', format: 'uuid' }, { type: 'string', format: 'uuid' }],
      // ARM durations are ISO 8601 (PT1H); Kubernetes' `duration` is Go's (1h): dropped.
      [{ kind: 'primitive', primitive: 'string', format: 'duration' }, { type: 'string' }],
      [{ kind: 'primitive', primitive: 'string', format: 'arm-id' }, { type: 'string' }],
    ];
    for (const [t, expected] of cases) expect(build(t).schema).toEqual(expected);
  });

  it('drops string formats on the status side (observed values are not validated) but keeps numeric ones', () => {
    expect(build({ kind: 'primitive', primitive: 'string', format: 'date-time' }, 'status').schema).toEqual({ type: 'string' });
    expect(build({ kind: 'primitive', primitive: 'integer', format: 'int64' }, 'status').schema).toEqual({ type: 'integer', format: 'int64' });
    const { context } = build({ kind: 'primitive', primitive: 'string', format: 'date-time' }, 'status');
    expect(context.counts['crd.formatsDropped']).toBe(1);
  });

  it('keeps the validations that apply to the type, in a fixed order, exclusive bounds only with their bound', () => {
    expect(build({ kind: 'primitive', primitive: 'string', validations: { pattern: '^[a-z]+$', minLength: 1, maxLength: 9, minimum: 3 } }).schema).toEqual({
      type: 'string',
      pattern: '^[a-z]+$',
      minLength: 1,
      maxLength: 9,
    });
    const n = build({ kind: 'primitive', primitive: 'number', validations: { minimum: 0, exclusiveMinimum: true, exclusiveMaximum: true, multipleOf: 0.5, maxLength: 3 } }).schema;
    expect(n).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true, multipleOf: 0.5 });
    expect(Object.keys(n)).toEqual(['type', 'minimum', 'exclusiveMinimum', 'multipleOf']);
  });
});

describe('crd schema: enums', () => {
  it('gives the base type and the values, each once; values of another type are dropped and reported', () => {
    expect(build({ kind: 'enum', base: 'string', open: false, values: [{ value: 'A' }, { value: 'B' }, { value: 'A' }] }).schema).toEqual({ type: 'string', enum: ['A', 'B'] });
    expect(build({ kind: 'enum', base: 'integer', open: false, values: [{ value: 1 }, { value: 2 }] }).schema).toEqual({ type: 'integer', enum: [1, 2] });
    const { schema, context } = build({ kind: 'enum', base: 'integer', open: false, enumName: 'Level', values: [{ value: 1 }, { value: 'two' }, { value: 1.5 }] });
    expect(schema).toEqual({ type: 'integer', enum: [1] });
    expect(codes(context)).toEqual(['crd-enum-value-type']);
    expect(context.diagnostics.items[0].message).toContain('2 value(s) of the integer enum Level');
  });

  it('an enum with no value left is its plain base type', () => {
    expect(build({ kind: 'enum', base: 'boolean', open: false, values: [{ value: 'yes' }] }).schema).toEqual({ type: 'boolean' });
  });
});

describe('crd schema: objects', () => {
  it('lists properties by Kubernetes name in order, required ones in order, descriptions from the property or the named type', () => {
    const t: ObjectType = {
      kind: 'object',
      properties: [
        prop('zeta', STRING, { armName: 'Zeta', required: true, description: 'Last letter.' }),
        prop('alpha', { kind: 'ref', name: 'Inner' }),
        prop('beta', { kind: 'ref', name: 'Inner' }, { required: true, description: 'Property text wins.' }),
      ],
    };
    const { schema } = build(t, 'spec', { Inner: { type: { kind: 'object', properties: [prop('x', STRING)] }, description: 'The inner type.' } });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        zeta: { description: 'Last letter.', type: 'string' },
        alpha: { description: 'The inner type.', type: 'object', properties: { x: { type: 'string' } } },
        beta: { description: 'Property text wins.', type: 'object', properties: { x: { type: 'string' } } },
      },
      required: ['zeta', 'beta'],
    });
    expect(Object.keys(schema.properties!)).toEqual(['zeta', 'alpha', 'beta']);
    expect(Object.keys(schema.properties!.zeta)).toEqual(['description', 'type']);
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });

  it('an object with properties and additionalProperties keeps its properties and preserves other keys, reported once per type', () => {
    const extras: Type = { kind: 'object', properties: [prop('known', STRING)], additionalProperties: STRING };
    const t: ObjectType = { kind: 'object', properties: [prop('a', { kind: 'ref', name: 'Extras' }), prop('b', { kind: 'ref', name: 'Extras' })] };
    const { schema, context } = build(t, 'spec', { Extras: extras });
    expect(schema.properties!.a).toEqual({ type: 'object', properties: { known: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true });
    expect(schema.properties!.a.additionalProperties).toBeUndefined();
    expect(codes(context)).toEqual(['crd-additional-properties-preserved']);
    expect(structural(schema)).toEqual([]);
  });

  it('an object with only additionalProperties is a map; one with neither is an empty object', () => {
    expect(build({ kind: 'object', properties: [], additionalProperties: { kind: 'primitive', primitive: 'integer' } }).schema).toEqual({
      type: 'object',
      additionalProperties: { type: 'integer' },
    });
    expect(build({ kind: 'object', properties: [] }).schema).toEqual({ type: 'object' });
  });

  it('the spec of a polymorphic resource requires exactly one variant (oneOf of required), the status does not', () => {
    const t: ObjectType = {
      kind: 'object',
      discriminator: 'kind',
      properties: [
        prop('owner', { kind: 'ownerRef', kinds: [{ group: 'resources.azure.com', kind: 'ResourceGroup' }] }, { required: true, role: 'owner' }),
        prop('azureCli', { kind: 'object', properties: [prop('script', STRING)] }, { variant: 'AzureCLI' }),
        prop('azurePowerShell', { kind: 'object', properties: [prop('script', STRING)] }, { variant: 'AzurePowerShell' }),
      ],
    };
    const spec = build(t, 'spec').schema;
    expect(spec.oneOf).toEqual([{ required: ['azureCli'] }, { required: ['azurePowerShell'] }]);
    expect(spec.required).toEqual(['owner']);
    expect(structural(spec)).toEqual([]);
    expect(build(t, 'status').schema.oneOf).toBeUndefined();
    const validate = validatorOf(asRoot(spec));
    const owner = { name: 'rg' };
    expect(validate({ spec: { owner, azureCli: { script: 'x' } } })).toBe(true);
    expect(validate({ spec: { owner } })).toBe(false);
    expect(validate({ spec: { owner, azureCli: {}, azurePowerShell: {} } })).toBe(false);
  });
});

describe('crd schema: maps, arrays, unions', () => {
  it('a map is an object with additionalProperties and its property-count bounds', () => {
    expect(build({ kind: 'map', values: STRING, validations: { maxProperties: 8 } }).schema).toEqual({
      type: 'object',
      maxProperties: 8,
      additionalProperties: { type: 'string' },
    });
    expect(build({ kind: 'map', values: { kind: 'any' } }).schema).toEqual({ type: 'object', additionalProperties: { 'x-kubernetes-preserve-unknown-fields': true } });
  });

  it('an array has items and item-count bounds; uniqueItems becomes a set list for scalars and is dropped otherwise', () => {
    const { schema, context } = build({ kind: 'array', items: STRING, validations: { minItems: 1, maxItems: 5, uniqueItems: true } });
    expect(schema).toEqual({ type: 'array', minItems: 1, maxItems: 5, items: { type: 'string' }, 'x-kubernetes-list-type': 'set' });
    expect(context.counts['crd.uniqueItemsAsSet']).toBe(1);
    const objects = build({ kind: 'array', items: { kind: 'object', properties: [prop('a', STRING)] }, validations: { uniqueItems: true } });
    expect(objects.schema).toEqual({ type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } });
    expect(objects.context.counts['crd.uniqueItemsDropped']).toBe(1);
    expect(JSON.stringify([schema, objects.schema])).not.toContain('uniqueItems');
    expect(structural(schema)).toEqual([]);
  });

  it('a union is an object with one optional property per variant; exactly one on the spec side', () => {
    const union: Type = {
      kind: 'union',
      discriminator: 'kind',
      variants: [
        { value: 'circle', name: 'circle', type: { kind: 'ref', name: 'Circle' } },
        { value: 'square', name: 'square', type: { kind: 'object', properties: [prop('side', { kind: 'primitive', primitive: 'integer' })] } },
      ],
    };
    const types = { Circle: { type: { kind: 'object', properties: [prop('radius', { kind: 'primitive', primitive: 'integer' })] } as Type, description: 'A circle.' } };
    const spec = build(union, 'spec', types).schema;
    expect(spec).toEqual({
      description: 'Exactly one of the properties is set.',
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      properties: {
        circle: { description: 'A circle.', type: 'object', properties: { radius: { type: 'integer' } } },
        square: { description: 'The kind "square" variant.', type: 'object', properties: { side: { type: 'integer' } } },
      },
    });
    expect(structural(spec)).toEqual([]);
    const status = build(union, 'status', types).schema;
    expect(status.minProperties).toBeUndefined();
    expect(status.maxProperties).toBeUndefined();
    expect(status.description).toBeUndefined();
    const validate = validatorOf(asRoot(spec));
    expect(validate({ spec: { circle: { radius: 1 } } })).toBe(true);
    expect(validate({ spec: {} })).toBe(false);
    expect(validate({ spec: { circle: {}, square: {} } })).toBe(false);
  });

  it('a named union keeps its exactly-one note under the description of its use', () => {
    const union: Type = { kind: 'union', discriminator: 'kind', variants: [{ value: 'a', name: 'a', type: { kind: 'object', properties: [] } }] };
    const t: ObjectType = { kind: 'object', properties: [prop('shape', { kind: 'ref', name: 'Shape' }, { description: 'The shape.' })] };
    expect(build(t, 'spec', { Shape: union }).schema.properties!.shape.description).toBe('The shape. Exactly one of the properties is set.');
    expect(build(t, 'status', { Shape: union }).schema.properties!.shape.description).toBe('The shape.');
  });
});

describe('crd schema: references, secrets, free-form', () => {
  it('a resource reference is {armId} or {group, kind, name}, with the allowed ARM types in its description', () => {
    const schema = build({ kind: 'resourceRef', detectedBy: 'format', armShape: 'string', allowedTypes: ['Microsoft.Network/virtualNetworks/subnets'] }, 'spec').schema;
    expect(Object.keys(schema.properties!)).toEqual(['armId', 'group', 'kind', 'name']);
    expect(schema.oneOf).toEqual([{ required: ['armId'] }, { required: ['group', 'kind', 'name'] }]);
    expect(schema.description).toContain('Allowed ARM types: Microsoft.Network/virtualNetworks/subnets.');
    expect(structural(schema)).toEqual([]);
    const validate = validatorOf(asRoot(schema));
    expect(validate({ spec: { armId: '/subscriptions/x' } })).toBe(true);
    expect(validate({ spec: { group: 'network.azure.com', kind: 'VirtualNetworksSubnet', name: 's' } })).toBe(true);
    expect(validate({ spec: { name: 's' } })).toBe(false);
    expect(validate({ spec: { armId: '/x', group: 'g', kind: 'k', name: 'n' } })).toBe(false);
    expect(validate({ spec: { armId: 3 } })).toBe(false);
  });

  it('an owner of known kinds is {name} (group and kind restricted to them) or {armId}; of any kind, {group, kind, name} or {armId}', () => {
    const known = build({ kind: 'ownerRef', kinds: [{ group: 'network.azure.com', kind: 'VirtualNetwork' }] }).schema;
    expect(known.properties!.group.enum).toEqual(['network.azure.com']);
    expect(known.properties!.kind.enum).toEqual(['VirtualNetwork']);
    expect(known.oneOf).toEqual([{ required: ['name'] }, { required: ['armId'] }]);
    const any = build({ kind: 'ownerRef' }).schema;
    expect(any.properties!.group.enum).toBeUndefined();
    expect(any.oneOf).toEqual([{ required: ['group', 'kind', 'name'] }, { required: ['armId'] }]);
    const validate = validatorOf(asRoot(known));
    expect(validate({ spec: { name: 'vnet' } })).toBe(true);
    expect(validate({ spec: { name: 'vnet', kind: 'Subnet' } })).toBe(false);
    expect(validate({ spec: { name: 'vnet', armId: '/x' } })).toBe(false);
    expect(structural(known)).toEqual([]);
    expect(structural(any)).toEqual([]);
  });

  it('a secret reference is {name, key}, both required; free-form JSON preserves unknown fields without a type', () => {
    expect(build({ kind: 'secretRef' }, 'spec').schema).toMatchObject({ type: 'object', properties: { name: { type: 'string' }, key: { type: 'string' } }, required: ['name', 'key'] });
    const any = build({ kind: 'any' }).schema;
    expect(any).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(structural(any)).toEqual([]);
    const validate = validatorOf(asRoot({ type: 'object', properties: { v: any } }));
    for (const v of [1, 'x', [1], { a: { b: 1 } }, null]) expect(validate({ spec: { v } })).toBe(true);
  });
});

describe('crd schema: named types', () => {
  it('builds each named type once per side and shares it', () => {
    const context = recordingContext();
    const builder = new SchemaBuilder(pkgOf({ Inner: { kind: 'object', properties: [prop('x', STRING)] } }), context);
    const a = builder.type({ kind: 'ref', name: 'Inner' }, 'spec');
    const b = builder.type({ kind: 'ref', name: 'Inner' }, 'spec');
    expect(a).toBe(b);
    expect(builder.type({ kind: 'ref', name: 'Inner' }, 'status')).not.toBe(a);
  });

  it('a cycle the recursion stage left (or a dangling name) becomes free-form, reported once', () => {
    const node: Type = { kind: 'object', properties: [prop('value', STRING), prop('children', { kind: 'array', items: { kind: 'ref', name: 'Node' } })] };
    const { schema, context } = build({ kind: 'ref', name: 'Node' }, 'spec', { Node: node });
    expect(schema.properties!.children.items).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(codes(context)).toEqual(['crd-recursive-type']);
    expect(context.diagnostics.items[0].message).toContain('Node → Node');
    expect(structural(schema)).toEqual([]);
    const dangling = build({ kind: 'object', properties: [prop('x', { kind: 'ref', name: 'Missing' }), prop('y', { kind: 'ref', name: 'Missing' })] });
    expect(dangling.schema.properties!.x).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(codes(dangling.context)).toEqual(['crd-dangling-ref']);
  });

  it('every kind of type maps to a schema that ajv and the structural checker accept', () => {
    const all: ObjectType = {
      kind: 'object',
      properties: [
        prop('s', STRING),
        prop('e', { kind: 'enum', base: 'string', open: false, values: [{ value: 'A' }] }),
        prop('o', { kind: 'object', properties: [prop('x', STRING, { required: true })] }),
        prop('m', { kind: 'map', values: STRING }),
        prop('a', { kind: 'array', items: { kind: 'primitive', primitive: 'integer' } }),
        prop('u', { kind: 'union', discriminator: 'k', variants: [{ value: 'v', name: 'v', type: { kind: 'object', properties: [] } }] }),
        prop('r', { kind: 'resourceRef', detectedBy: 'name', armShape: 'subresource' }),
        prop('w', { kind: 'ownerRef' }),
        prop('p', { kind: 'secretRef' }),
        prop('f', { kind: 'any' }),
      ],
    };
    const { schema } = build(all);
    expect(structural(schema)).toEqual([]);
    expect(() => validatorOf(asRoot(schema))).not.toThrow();
    expect(JSON.stringify(toJsonSchema(schema))).not.toContain('x-kubernetes');
  });
});

import { describe, expect, it } from 'vitest';
import { checkStructural, type StructuralRule } from '../../../../generator/emit/crd/structural.js';

type Json = Record<string, unknown>;

/** A valid CRD root schema whose `spec` is `spec` (and whose root gets `root` merged in). */
function rootWith(spec: Json, root: Json = {}): Json {
  return {
    type: 'object',
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec },
    ...root,
  };
}

function rules(schema: unknown): StructuralRule[] {
  return [...new Set(checkStructural(schema).map((p) => p.rule))].sort();
}

const OBJECT_A: Json = { type: 'object', properties: { a: { type: 'string' } } };

describe('checkStructural: accepts', () => {
  it('a structural schema with every construct the emitter writes', () => {
    const spec: Json = {
      description: 'spec',
      type: 'object',
      properties: {
        s: { type: 'string', format: 'date-time', pattern: '^[a-z]+$', minLength: 1 },
        n: { type: 'number', minimum: 0, exclusiveMinimum: true, multipleOf: 0.5 },
        e: { type: 'string', enum: ['A', ''] },
        m: { type: 'object', maxProperties: 3, additionalProperties: { type: 'integer', format: 'int64' } },
        l: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        f: { 'x-kubernetes-preserve-unknown-fields': true },
        x: { type: 'object', properties: { k: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
        u: { type: 'object', minProperties: 1, maxProperties: 1, properties: { a: { type: 'object' }, b: { type: 'object' } } },
        r: {
          type: 'object',
          properties: { armId: { type: 'string' }, group: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
          oneOf: [{ required: ['armId'] }, { required: ['group', 'kind', 'name'] }],
        },
        io: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        io2: { 'x-kubernetes-int-or-string': true, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { pattern: '^[0-9]+%?$' }] },
      },
      required: ['s'],
    };
    expect(checkStructural(rootWith(spec, { description: 'root', required: ['spec'] }), 'Widget')).toEqual([]);
  });

  it('root metadata restricting only name and generateName', () => {
    const root = rootWith(OBJECT_A);
    (root.properties as Json).metadata = { type: 'object', properties: { name: { type: 'string', maxLength: 63 }, generateName: { type: 'string' } } };
    expect(checkStructural(root)).toEqual([]);
  });
});

describe('checkStructural: one failing schema per rule', () => {
  const cases: [StructuralRule, string, unknown, StructuralRule[]?][] = [
    ['type-missing', 'a property without type', rootWith({ type: 'object', properties: { a: { description: 'no type' } } })],
    ['type-missing', 'array items without type', rootWith({ type: 'object', properties: { a: { type: 'array', items: { minLength: 1 } } } })],
    ['type-missing', 'a root without type', { properties: { spec: OBJECT_A } }],
    ['type-invalid', 'type null', rootWith({ type: 'object', properties: { a: { type: 'null' } } })],
    ['type-invalid', 'a list of types', rootWith({ type: 'object', properties: { a: { type: ['string', 'null'] } } })],
    ['root-type', 'a root that is not an object', { type: 'array', items: { type: 'string' } }],
    ['root-field', 'a value restriction the status subresource forbids at the root', rootWith(OBJECT_A, { minProperties: 1 })],
    ['ref', '$ref', rootWith({ type: 'object', $ref: '#/definitions/Spec' })],
    ['definitions', 'definitions', rootWith({ type: 'object', definitions: { Spec: { type: 'string' } } })],
    ['unsupported-keyword', 'patternProperties', rootWith({ type: 'object', patternProperties: { '^a': { type: 'string' } } })],
    ['unknown-keyword', 'a Swagger extension', rootWith({ type: 'string', 'x-ms-enum': { name: 'E' } })],
    ['properties-and-additional-properties', 'both on one node', rootWith({ ...OBJECT_A, additionalProperties: { type: 'string' } })],
    ['additional-properties-false', 'additionalProperties: false', rootWith({ type: 'object', additionalProperties: false })],
    ['additional-properties-root', 'additionalProperties at the root', { type: 'object', additionalProperties: { type: 'string' } }, ['additional-properties-root', 'root-field']],
    ['items-missing', 'an array without items', rootWith({ type: 'object', properties: { a: { type: 'array' } } })],
    ['items-array', 'items as a list', rootWith({ type: 'object', properties: { a: { type: 'array', items: [{ type: 'string' }] } } })],
    ['junctor-forbidden', 'a type inside oneOf', rootWith({ ...OBJECT_A, oneOf: [{ type: 'object' }] })],
    ['junctor-forbidden', 'a description inside not', rootWith({ ...OBJECT_A, not: { description: 'x' } })],
    ['junctor-forbidden', 'x-kubernetes-preserve-unknown-fields inside anyOf', rootWith({ ...OBJECT_A, anyOf: [{ 'x-kubernetes-preserve-unknown-fields': true }] })],
    ['junctor-incomplete', 'a property only inside a junctor', rootWith({ ...OBJECT_A, anyOf: [{ properties: { b: { minLength: 1 } } }] })],
    ['junctor-incomplete', 'items only inside a junctor', rootWith({ ...OBJECT_A, allOf: [{ items: { minLength: 1 } }] })],
    ['unique-items', 'uniqueItems: true', rootWith({ type: 'object', properties: { a: { type: 'array', items: { type: 'string' }, uniqueItems: true } } })],
    ['metadata', 'metadata restricting labels', rootWith(OBJECT_A, { properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } }, spec: OBJECT_A } })],
    ['metadata', 'metadata with a description', rootWith(OBJECT_A, { properties: { metadata: { type: 'object', description: 'meta' }, spec: OBJECT_A } })],
    ['metadata', 'a kind that is not a string', rootWith(OBJECT_A, { properties: { kind: { type: 'integer' }, spec: OBJECT_A } })],
    ['metadata', 'metadata inside a junctor', rootWith({ ...OBJECT_A, properties: { metadata: { type: 'object' } }, oneOf: [{ properties: { metadata: { required: ['name'] } } }] })],
    ['preserve-unknown-fields-false', 'x-kubernetes-preserve-unknown-fields: false', rootWith({ ...OBJECT_A, 'x-kubernetes-preserve-unknown-fields': false })],
    ['int-or-string', 'int-or-string with a type', rootWith({ type: 'object', properties: { a: { type: 'string', 'x-kubernetes-int-or-string': true } } })],
    ['embedded-resource', 'an embedded resource that is not an object', rootWith({ type: 'object', properties: { a: { type: 'string', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } } })],
    ['list-type', 'a list type on a string', rootWith({ type: 'object', properties: { a: { type: 'string', 'x-kubernetes-list-type': 'set' } } })],
    ['list-type', 'a set of non-atomic objects', rootWith({ type: 'object', properties: { a: { type: 'array', items: OBJECT_A, 'x-kubernetes-list-type': 'set' } } })],
    ['list-type', 'a map list without keys', rootWith({ type: 'object', properties: { a: { type: 'array', items: OBJECT_A, 'x-kubernetes-list-type': 'map' } } })],
    ['map-type', 'a map type on an array', rootWith({ type: 'object', properties: { a: { type: 'array', items: { type: 'string' }, 'x-kubernetes-map-type': 'atomic' } } })],
    ['validations', 'a CEL rule without a rule', rootWith({ ...OBJECT_A, 'x-kubernetes-validations': [{ message: 'no rule' }] })],
    ['pattern', 'a pattern RE2 cannot compile (lookahead)', rootWith({ type: 'object', properties: { a: { type: 'string', pattern: '^(?!x)[a-z]+$' } } })],
    ['nullable-root', 'a nullable root', rootWith(OBJECT_A, { nullable: true }), ['nullable-root', 'root-field']],
    ['default-in-metadata', 'a default on metadata', rootWith(OBJECT_A, { properties: { metadata: { type: 'object', default: {} }, spec: OBJECT_A } })],
    ['not-a-schema', 'a property that is not a schema', rootWith({ type: 'object', properties: { a: 'string' } })],
  ];

  for (const [rule, what, schema, expected] of cases) {
    it(`${rule}: ${what}`, () => {
      expect(rules(schema)).toEqual(expected ?? [rule]);
    });
  }

  it('covers every rule', () => {
    const all: StructuralRule[] = [
      'type-missing', 'type-invalid', 'root-type', 'root-field', 'ref', 'definitions', 'unsupported-keyword', 'unknown-keyword',
      'properties-and-additional-properties', 'additional-properties-false', 'additional-properties-root', 'items-missing', 'items-array',
      'junctor-forbidden', 'junctor-incomplete', 'unique-items', 'metadata', 'preserve-unknown-fields-false', 'int-or-string',
      'embedded-resource', 'list-type', 'map-type', 'validations', 'pattern', 'nullable-root', 'default-in-metadata', 'not-a-schema',
    ];
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(all));
  });

  it('names the path in the API server notation, and the kind', () => {
    const problems = checkStructural(rootWith({ type: 'object', properties: { owner: { type: 'object', properties: { name: {} } } } }), 'Widget');
    expect(problems).toEqual([
      {
        rule: 'type-missing',
        path: 'openAPIV3Schema.properties[spec].properties[owner].properties[name].type',
        message: 'must not be empty for specified object fields',
        kind: 'Widget',
      },
    ]);
    expect(checkStructural({ type: 'object', properties: { a: { type: 'array' } } }, undefined, 'spec.versions[1].schema.openAPIV3Schema')[0].path).toBe(
      'spec.versions[1].schema.openAPIV3Schema.properties[a].items',
    );
  });
});

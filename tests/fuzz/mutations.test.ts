/**
 * The fuzzer's own parts: the seeded generator, JSON trees at any depth, where the loader reads
 * a document, and the mutation engine (each kind really changes the file the way it says, and
 * says which diagnostics the loader owes).
 */
import { describe, expect, it } from 'vitest';
import { getAt, listNodes, RawSplices, setAt, type Json } from '../../scripts/fuzz/json-tree.js';
import { mutate, MUTATION_KINDS, parseSpec, type FuzzFile, type Mutation } from '../../scripts/fuzz/mutations.js';
import { caseSeed, Rng } from '../../scripts/fuzz/prng.js';
import { isConvertedSchema, resourceDefinitions, wrongTypeCodes } from '../../scripts/fuzz/schema-paths.js';

const SPEC = {
  swagger: '2.0',
  info: { title: 'WidgetClient', version: '2021-01-01' },
  paths: {
    '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.W/widgets/{widgetName}': {
      put: {
        parameters: [{ name: 'widget', in: 'body', required: true, schema: { $ref: '#/definitions/Widget' } }],
        responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Widget' } } },
      },
    },
  },
  definitions: {
    Widget: {
      type: 'object',
      properties: {
        properties: { $ref: '#/definitions/WidgetProperties' },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    WidgetProperties: {
      type: 'object',
      properties: {
        size: { type: 'integer', description: 'The size.' },
        color: { type: 'string', enum: ['Red', 'Blue'] },
        parts: { type: 'array', items: { $ref: '#/definitions/Part' } },
      },
    },
    Part: { type: 'object', properties: { name: { type: 'string' } } },
    Unused: { type: 'string', enum: ['a'] },
  },
};

function files(): FuzzFile[] {
  return [{ rel: 'w/resource-manager/Contoso.W/stable/2021-01-01/w.json', bytes: Buffer.from(JSON.stringify(SPEC, null, 2)), mutable: true }];
}

function mutateWith(kind: string, seed: number): { file: FuzzFile; mutations: Mutation[] } {
  const fs = files();
  const mutations = mutate(new Rng(seed), fs, { count: 1, kinds: [kind], lead: kind });
  return { file: fs[0], mutations };
}

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(seed)));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps int() within bounds and reaches both ends', () => {
    const rng = new Rng(1);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('gives each case of a campaign its own seed', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => caseSeed(42, i)));
    expect(seeds.size).toBe(1000);
  });
});

describe('JSON trees', () => {
  it('lists the nodes of a 100,000-level document without recursion', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as Json;
    expect(listNodes(deep)).toHaveLength(100_000);
  });

  it('sets `__proto__` as an own key, never as the prototype', () => {
    const doc = { a: {} } as Json;
    setAt(doc, ['a', '__proto__'], { polluted: true });
    expect(Object.keys(getAt(doc, ['a']) as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(doc)).toBe('{"a":{"__proto__":{"polluted":true}}}');
  });

  it('splices raw text in place of placeholders', () => {
    const splices = new RawSplices();
    const doc = { a: splices.placeholder('[[[]]]'), b: 1 };
    expect(JSON.parse(splices.serialize(doc))).toEqual({ a: [[[]]], b: 1 });
  });
});

describe('where the loader reads', () => {
  it('knows which schemas are converted', () => {
    expect(isConvertedSchema(SPEC, ['definitions', 'Widget', 'properties', 'tags', 'additionalProperties'])).toBe(true);
    expect(isConvertedSchema(SPEC, ['definitions', 'WidgetProperties', 'properties', 'parts', 'items'])).toBe(true);
    // Below a `$ref`, and inside an enum's schema, nothing is read.
    expect(isConvertedSchema(SPEC, ['definitions', 'Widget', 'properties', 'properties', 'items'])).toBe(false);
    expect(isConvertedSchema(SPEC, ['definitions', 'WidgetProperties', 'properties', 'color', 'items'])).toBe(false);
    expect(isConvertedSchema(SPEC, ['paths'])).toBe(false);
  });

  it('names the diagnostic a wrong type at a structural place calls for', () => {
    expect(wrongTypeCodes(SPEC, [])).toEqual(['not-swagger']);
    expect(wrongTypeCodes(SPEC, ['definitions'])).toEqual(['invalid-structure']);
    expect(wrongTypeCodes(SPEC, ['paths', Object.keys(SPEC.paths)[0], 'put', 'parameters'])).toEqual(['invalid-structure']);
    expect(wrongTypeCodes(SPEC, ['definitions', 'Part', 'properties'])).toEqual(['invalid-schema']);
    expect(wrongTypeCodes(SPEC, ['definitions', 'Part', 'properties', 'name'])).toEqual(['invalid-schema']);
    expect(wrongTypeCodes(SPEC, ['info'])).toBeUndefined();
  });

  it('finds the definitions the resources reach', () => {
    expect([...resourceDefinitions(SPEC)].sort()).toEqual(['Part', 'Widget', 'WidgetProperties']);
  });
});

describe('mutations', () => {
  it('are deterministic for a seed', () => {
    for (const kind of MUTATION_KINDS) {
      const a = mutateWith(kind, 3);
      const b = mutateWith(kind, 3);
      expect(a.mutations).toEqual(b.mutations);
      expect(a.file.bytes.equals(b.file.bytes)).toBe(true);
    }
  });

  it.each(MUTATION_KINDS)('%s changes the file and describes itself', (kind) => {
    for (let seed = 1; seed <= 5; seed++) {
      const { file, mutations } = mutateWith(kind, seed);
      expect(mutations).toHaveLength(1);
      expect(mutations[0]).toMatchObject({ kind, file: file.rel });
      expect(file.bytes.equals(files()[0].bytes)).toBe(false);
      if (mutations[0].mustReport) expect(mutations[0].expectedCodes?.length).toBeGreaterThan(0);
    }
  });

  it('truncation and emptying leave bytes that are not JSON, and owe invalid-json', () => {
    for (const kind of ['truncate', 'empty-file']) {
      const { file, mutations } = mutateWith(kind, 11);
      expect(parseSpec(file.bytes)).toBeUndefined();
      expect(mutations[0].expectedCodes).toContain('invalid-json');
    }
  });

  it('deep nesting writes 10,000 levels that still parse, and owes schema-too-deep', () => {
    const { file, mutations } = mutateWith('deep-schema', 2);
    const text = file.bytes.toString('utf8');
    const via = /via (\w+)/.exec(mutations[0].detail)![1];
    const marker = { properties: '"properties":{"p":', items: '"items":', allOf: '"allOf":[', additionalProperties: '"additionalProperties":' }[via]!;
    expect(text.split(marker).length - 1).toBeGreaterThanOrEqual(10_000);
    expect(parseSpec(file.bytes)).toBeDefined();
    expect(mutations[0].expectedCodes).toEqual(['schema-too-deep']);
  });

  it('invalid UTF-8 leaves bytes that do not round-trip, and owes invalid-utf8', () => {
    const { file, mutations } = mutateWith('invalid-utf8', 4);
    expect(Buffer.from(file.bytes.toString('utf8'), 'utf8').equals(file.bytes)).toBe(false);
    expect(mutations[0].expectedCodes).toEqual(['invalid-utf8']);
  });

  it('a broken $ref in a converted schema owes dangling-ref or ref-cycle', () => {
    const owed = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const { mutations } = mutateWith('broken-ref', seed);
      for (const code of mutations[0].expectedCodes ?? []) owed.add(code);
    }
    expect([...owed].sort()).toEqual(['dangling-ref', 'ref-cycle']);
  });

  it('builtin-name renames properties to Object.prototype names, keeping required and the discriminator', () => {
    const builtins = Object.getOwnPropertyNames(Object.prototype);
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const spec = structuredClone(SPEC) as typeof SPEC & { definitions: Record<string, { properties?: Record<string, unknown>; required?: string[]; discriminator?: string }> };
      spec.definitions.Part = { type: 'object', properties: { name: { type: 'string' }, kind: { type: 'string' } }, required: ['name', 'kind'], discriminator: 'kind' } as never;
      const fs: FuzzFile[] = [{ rel: files()[0].rel, bytes: Buffer.from(JSON.stringify(spec)), mutable: true }];
      const [m] = mutate(new Rng(seed), fs, { count: 1, kinds: ['builtin-name'], lead: 'builtin-name' });
      const after = parseSpec(fs[0].bytes) as typeof spec;
      const renames = [...m.detail.matchAll(/(\w+) → (\w+) at \/definitions\/(\w+)/g)];
      expect(renames.length).toBeGreaterThan(0);
      for (const [, old, name, definition] of renames) {
        const d = after.definitions[definition];
        expect(builtins).toContain(name);
        expect(Object.prototype.hasOwnProperty.call(d.properties, name)).toBe(true);
        expect(Object.prototype.hasOwnProperty.call(d.properties, old)).toBe(false);
        if (definition === 'Part' && old === 'kind') expect([d.discriminator, d.required?.includes(name)]).toEqual([name, true]);
        seen.add(name);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
    expect(seen.has('__proto__')).toBe(true);
  });

  it('builtin-name never renames along a path an earlier rename of the same case changed', () => {
    // Inline schemas below a property named `properties`: renaming it first used to leave a stale path.
    const nested = structuredClone(SPEC) as typeof SPEC & { definitions: Record<string, unknown> };
    nested.definitions.Deep = {
      type: 'object',
      properties: { properties: { type: 'object', properties: { properties: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } }, c: { type: 'string' } } } },
    };
    (nested.definitions.WidgetProperties as { properties: Record<string, unknown> }).properties.deep = { $ref: '#/definitions/Deep' };
    for (let seed = 1; seed <= 300; seed++) {
      const fs: FuzzFile[] = [{ rel: files()[0].rel, bytes: Buffer.from(JSON.stringify(nested)), mutable: true }];
      expect(() => mutate(new Rng(seed), fs, { count: 3, kinds: ['builtin-name'], lead: 'builtin-name' })).not.toThrow();
    }
  });

  it('drops what a later mutation may hide (emptying the file hides the version change before it)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const ms = mutate(new Rng(seed), files(), { count: 2, kinds: ['swagger-version', 'empty-file'], lead: 'swagger-version' });
      if (ms[1]?.kind !== 'empty-file') continue;
      expect(ms[0]).toMatchObject({ kind: 'swagger-version', mustReport: false, superseded: 'empty-file ' });
      expect(ms[0].expectedCodes).toBeUndefined();
      expect(ms[1]).toMatchObject({ mustReport: true, expectedCodes: ['invalid-json'] });
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

/**
 * Property names that plain objects inherit from `Object.prototype` (`toString`, `constructor`,
 * `__proto__`, `hasOwnProperty`, `valueOf` ...), at every place the fixture
 * `specs/fixtures/emit/builtin-names` puts them (flattened leaves, nested objects, arrays, maps,
 * a secret, an ARM ID, an object with `additionalProperties`, a discriminator, variant
 * properties; and an envelope named `class`, which cannot name a local variable): the emitted
 * code compiles with `tsc --strict`, and converts what is there, and
 * only what is there. Before the fix every `armToSpec` added `proto: {}` and `constructor: {}`
 * (the inherited values read as present), and `result.__proto__ = x` set a prototype.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INHERITED_NAMES } from '../../../../generator/emit/typescript/own-access.js';
import type { CollectedReferences, ExtractedSecret, ResolvedReferences } from '../../../../generator/runtime/index.js';
import { getOwn, hasOwn, referenceKey, secretKey, setOwn } from '../../../../generator/runtime/index.js';
import { emitFixture, importGenerated, removeDir, tempDir, transpile, typeCheck, writeFiles } from './support.js';

interface KindModule {
  collectReferences(spec: unknown): CollectedReferences;
  specToArm(spec: unknown, resolved: ResolvedReferences): Record<string, unknown>;
  armToSpec(body: unknown): { spec: Record<string, unknown>; secrets: ExtractedSecret[] };
  armToStatus(body: unknown): Record<string, unknown>;
}

const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg';
const SUBNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;
const ID = `${RG}/providers/Contoso.Builtins/gadgets/g1`;

/** A value as sorted [key, value] pairs, so that own `__proto__` keys compare like any other. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.keys(value)
    .sort()
    .map((k) => [k, canonical((value as Record<string, unknown>)[k])]);
}

/** Every object in a value keeps Object.prototype as its prototype (none was replaced by a `__proto__` write). */
function prototypesKept(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(prototypesKept);
  if (value === null || typeof value !== 'object') return true;
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(prototypesKept);
}

/** JSON text, as `az resource show` gives it: JSON.parse makes `__proto__` an own key. */
const FULL = `{
  "id": "${ID}", "name": "g1", "type": "Contoso.Builtins/gadgets", "location": "westus",
  "class": { "tier": "gold" },
  "properties": {
    "toString": "text", "hasOwnProperty": true, "valueOf": 7,
    "constructor": { "toString": "c1", "constructor": "c2", "__proto__": "c3", "valueOf": 1, "hasOwnProperty": "read-only" },
    "__proto__": { "toString": "p1", "valueOf": 2 },
    "isPrototypeOf": [{ "__proto__": "a0" }, { "constructor": "a1" }],
    "propertyIsEnumerable": { "__proto__": { "valueOf": 3 }, "toString": { "toString": "m1" } },
    "toLocaleString": "s3cr3t",
    "__defineGetter__": "${SUBNET}",
    "__lookupGetter__": { "toString": "o1", "__proto__": "extra", "valueOf": "extra2" },
    "shape": { "constructor": "valueOf", "toString": "sq", "hasOwnProperty": "${SUBNET}" },
    "prototype": "read-only", "provisioningState": "Succeeded"
  }
}`;

let dir: string | undefined;
let check: ReturnType<typeof typeCheck>;
let gadget: KindModule;
let source: string;

beforeAll(async () => {
  dir = tempDir();
  const emitted = emitFixture('emit/builtin-names');
  source = emitted.file('ts/contoso.builtins.azure.com/v20210101/Gadget.ts');
  writeFiles(dir, emitted.files);
  check = typeCheck(dir);
  transpile(dir);
  gadget = await importGenerated<KindModule>(dir, 'ts/contoso.builtins.azure.com/v20210101/Gadget.ts');
});

afterAll(() => removeDir(dir));

describe('property names inherited from Object.prototype', () => {
  it('the list of inherited names is Object.prototype’s own property names', () => {
    expect([...INHERITED_NAMES].sort()).toEqual(Object.getOwnPropertyNames(Object.prototype).sort());
  });

  it('the emitted TypeScript compiles with tsc --strict', () => {
    expect(check.errors).toEqual([]);
    // They are really there, under their own names, on both sides.
    for (const line of ['  toString?: string;', '  constructor?: Inner;', '  __proto__?: Inner_ARM;', '  hasOwnProperty?: boolean;', '  valueOf?: number;']) expect(source).toContain(line);
  });

  it('armToSpec of a body that has none of them adds none (no `proto: {}`, no `constructor: {}`)', () => {
    const body = JSON.parse(`{ "id": "${ID}", "name": "g1", "location": "westus", "properties": { "isPrototypeOf": [{ "toString": "a" }], "shape": { "constructor": "toString" } } }`);
    const { spec, secrets } = gadget.armToSpec(body);
    expect(secrets).toEqual([]);
    expect(canonical(spec)).toEqual(
      canonical({ owner: { armId: RG }, location: 'westus', azureName: 'g1', isPrototypeOf: [{ toString: 'a' }], shape: { toStringShape: {} } }),
    );
    expect(JSON.stringify(gadget.armToStatus(body))).not.toMatch(/proto|constructor|valueOf|defineGetter/);
    expect(gadget.specToArm(spec, { resources: new Map(), secrets: new Map() })).toEqual({ location: 'westus', properties: { isPrototypeOf: [{ toString: 'a' }], shape: { constructor: 'toString' } } });
  });

  it('armToSpec reads each one that is there, and specToArm writes it back as an own key', () => {
    const body = JSON.parse(FULL);
    const { spec, secrets } = gadget.armToSpec(body);
    expect(secrets.map((s) => [secretKey(s.reference), s.value])).toEqual([['g1-gadget-secrets/toLocaleString', 's3cr3t']]);
    expect(spec.toString).toBe('text');
    expect(spec.tier).toBe('gold');
    expect(source).toContain('const classEnvelope: Gadget_Class_ARM = {};');
    expect(spec.valueOf).toBe(7);
    expect(spec.hasOwnProperty).toBe(true);
    expect(canonical(spec.constructor)).toEqual(canonical({ toString: 'c1', constructor: 'c2', proto: 'c3', valueOf: 1 }));
    expect(canonical(spec.proto)).toEqual(canonical({ toString: 'p1', valueOf: 2 }));
    expect(canonical(spec.isPrototypeOf)).toEqual(canonical([{ proto: 'a0' }, { constructor: 'a1' }]));
    expect(Object.keys(spec.propertyIsEnumerable as object)).toEqual(['__proto__', 'toString']);
    expect(spec.defineGetterReference).toEqual({ armId: SUBNET });
    expect(spec.lookupGetter).toEqual({ toString: 'o1' });
    expect(canonical(spec.shape)).toEqual(canonical({ valueOfShape: { toString: 'sq', hasOwnPropertyReference: { armId: SUBNET } } }));
    expect(prototypesKept(spec)).toBe(true);

    const refs = gadget.collectReferences(spec);
    expect(refs.secrets.map((s) => s.path)).toEqual(['spec.toLocaleString']);
    expect(refs.resources.map((r) => [r.path, referenceKey(r.reference)])).toEqual([
      ['spec.defineGetterReference', `armId:${SUBNET}`],
      ['spec.shape.valueOfShape.hasOwnPropertyReference', `armId:${SUBNET}`],
    ]);

    const arm = gadget.specToArm(spec, { resources: new Map(), secrets: new Map(secrets.map((s) => [secretKey(s.reference), s.value])) });
    const expected = JSON.parse(FULL);
    for (const key of ['id', 'name', 'type']) delete expected[key];
    delete expected.properties.prototype;
    delete expected.properties.provisioningState;
    delete expected.properties.constructor.hasOwnProperty;
    // Spec objects do not keep keys their type does not list (they may be read-only ones).
    expected.properties.__lookupGetter__ = { toString: 'o1' };
    expect(canonical(arm)).toEqual(canonical(expected));
    expect(prototypesKept(arm)).toBe(true);
    expect(Object.keys(arm.properties as object)).toContain('__proto__');
  });

  it('armToStatus copies them, and an extra `__proto__` key stays a key (the prototype is not set)', () => {
    const status = gadget.armToStatus(JSON.parse(FULL));
    expect(status.toString).toBe('text');
    expect(status.prototype).toBe('read-only');
    expect(canonical(status.constructor)).toEqual(canonical({ toString: 'c1', constructor: 'c2', proto: 'c3', valueOf: 1, hasOwnProperty: 'read-only' }));
    expect(canonical(status.lookupGetter)).toEqual(canonical({ toString: 'o1', ['__proto__']: 'extra', valueOf: 'extra2' }));
    expect(Object.keys(status.lookupGetter as object)).toEqual(['toString', '__proto__', 'valueOf']);
    expect(prototypesKept(status)).toBe(true);
  });

  it('a wrong discriminator (or an inherited one) is an error naming it, not a conversion', () => {
    const missing = JSON.parse(`{ "id": "${ID}", "location": "westus", "properties": { "shape": { "toString": "x" } } }`);
    expect(() => gadget.armToSpec(missing)).toThrow('Shape: unknown constructor undefined');
    expect(gadget.armToStatus(missing).shape).toEqual({});
  });
});

describe('the runtime own-property helpers', () => {
  it('hasOwn and getOwn ignore inherited members; setOwn defines `__proto__` as a key', () => {
    const value = JSON.parse('{ "__proto__": 1, "a": 2 }') as Record<string, unknown>;
    expect(hasOwn({}, 'toString')).toBe(false);
    expect(hasOwn(value, '__proto__')).toBe(true);
    expect(getOwn({} as { toString?: string }, 'toString')).toBeUndefined();
    expect(getOwn(value, '__proto__')).toBe(1);
    const target: Record<string, unknown> = {};
    setOwn(target, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__']);
    expect(JSON.stringify(target)).toBe('{"__proto__":{"polluted":true}}');
  });
});

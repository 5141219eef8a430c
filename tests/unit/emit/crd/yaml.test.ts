/**
 * The CRD YAML writer: each tricky scalar (as a value and as a key) is read back by js-yaml as
 * written, no plain scalar is one a YAML 1.1 reader (go-yaml, in kubectl and the API server) would
 * type as a boolean, number, null, timestamp or merge key, random values round-trip, and on real
 * specs every CRD of Network 2021-02-01 and Compute 2021-03-01 does too.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { assembleCrd, kindsOf, SchemaBuilder } from '../../../../generator/emit/crd/index.js';
import { renderYaml, toYaml, YAML_HEADER } from '../../../../generator/emit/crd/yaml.js';
import { isPlainSafe } from '../../../../generator/emit/crd/yaml-scalars.js';
import type { ApiPackage } from '../../../../generator/model/types.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { hasAzureSpecs, loadAzure, runStages } from '../../../helpers.js';
import { recordingContext } from './helpers.js';

/** The implicit types of YAML 1.1 (yaml.org/type): a plain scalar matching one is not read as a string. */
const YAML11_IMPLICIT = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/, // bool
  /^(?:~|null|Null|NULL|)$/, // null
  /^[-+]?0b[01_]+$|^[-+]?0[0-7_]+$|^[-+]?(?:0|[1-9][0-9_]*)$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/, // int
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?$|^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/, // float
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$/, // timestamp
  /^<<$/, // merge
  /^=$/, // value
];

/** Strings every rule of the writer is about. */
const TRICKY = [
  ...['yes', 'Yes', 'YES', 'no', 'NO', 'y', 'n', 'N', 'on', 'On', 'off', 'OFF', 'true', 'False', 'null', 'Null', '~', ''],
  ...['0', '-1', '+1', '1_000', '0x1F', '0o17', '0b101', '017', '1.5', '.5', '+.5', '1e3', '1e+21', '6.8523015e+5', '190:20:30', '1:2', '.inf', '-.Inf', '.NaN', '1.', '.', '..'],
  ...['2021-02-01', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2021-02-01-preview'],
  ...['<<', '=', '-', '- a', '--', '---', '...', '...x', '?', '? a', '?a', ':', ':a', 'a:', 'a: b', 'a:b', 'a #b', 'a#b', '#a', ','],
  ...['[a]', ']', '{a}', '}', '&a', '*a', '!a', '!!str', '|', '|a', '>', '>a', "'a'", "it's", '"a"', 'a "b"', '%a', '@a', '`a`'],
  ...[' a', 'a ', '  ', '\t', 'a\tb', 'a\\b', 'C:\\dir', 'a\rb', 'a\r\nb', '\0', '\x7f', '\x85', '\u2028', '\u2029', '\ufeff', '\ufffe', 'é', '日本', '😀', '\ud800', 'a\udc00'],
  ...['a\nb', 'a\nb\n', 'a\nb\n\n', 'a\n\n\n', '\na', '\n', '\n\n', ' a\nb', 'a\n b', 'a\n  \nb', 'a\n  ', 'a\n\tb', '- a\n- b', 'a\n---\nb', 'a\n...\n', '#a\n#b', 'a: b\nc: d'],
];

function roundTrip(value: unknown): unknown {
  return load(toYaml(value));
}

/** Every plain scalar of a YAML text (keys and values), found by reading it back. */
function plainScalars(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && isPlainSafe(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) plainScalars(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (isPlainSafe(k)) out.push(k);
      plainScalars(v, out);
    }
  return out;
}

describe('YAML writer: scalars', () => {
  it.each(TRICKY.map((s) => [JSON.stringify(s), s]))('%s as a value, a key and a sequence item reads back the same', (_, s) => {
    expect(roundTrip({ value: s })).toEqual({ value: s });
    expect(roundTrip({ [s]: 1 })).toEqual({ [s]: 1 });
    expect(roundTrip({ list: [s, s] })).toEqual({ list: [s, s] });
    expect(roundTrip({ deep: { deeper: [{ value: s }] } })).toEqual({ deep: { deeper: [{ value: s }] } });
  });

  it('writes no plain scalar that YAML 1.1 would type as anything but a string', () => {
    for (const s of TRICKY) {
      if (!isPlainSafe(s)) continue;
      for (const implicit of YAML11_IMPLICIT) expect(implicit.test(s), `${JSON.stringify(s)} matches ${implicit}`).toBe(false);
    }
  });

  it('quotes only what needs it, with JSON escapes', () => {
    expect(toYaml({ a: 'yes', b: '2021-02-01', c: 'plain text, with a:colon', d: '', e: 'x ', f: 'a\tb', g: '\x85', h: 'é' })).toBe(
      'a: "yes"\nb: "2021-02-01"\nc: plain text, with a:colon\nd: ""\ne: "x "\nf: "a\\tb"\ng: "\\u0085"\nh: é\n',
    );
    expect(toYaml({ 'a: b': 1, yes: 2, '': 3, Microsoft: 4 })).toBe('"a: b": 1\n"yes": 2\n"": 3\nMicrosoft: 4\n');
  });

  it('writes multi-line strings as literal blocks, with the chomping their final line breaks need', () => {
    expect(toYaml({ d: 'first\nsecond' })).toBe('d: |-\n  first\n  second\n');
    expect(toYaml({ d: 'first\n\nthird\n' })).toBe('d: |\n  first\n\n  third\n');
    expect(toYaml({ d: 'first\n\n' })).toBe('d: |+\n  first\n\n');
    expect(toYaml({ l: ['a\nb'] })).toBe('l:\n  - |-\n    a\n    b\n');
    // A leading space or line break would need an indentation indicator: double quotes instead.
    expect(toYaml({ d: ' a\nb' })).toBe('d: " a\\nb"\n');
  });

  it('writes numbers, booleans and null as YAML reads them', () => {
    const value = { i: 42, n: -7, f: 1.5, tiny: 1.5e-7, huge: 1e21, max: 9007199254740991, t: true, f2: false, z: null };
    expect(roundTrip(value)).toEqual(value);
    expect(toYaml({ i: 42, t: true, z: null })).toBe('i: 42\nt: true\nz: null\n');
    expect(roundTrip({ inf: Infinity, ninf: -Infinity })).toEqual({ inf: Infinity, ninf: -Infinity });
  });

  it('writes a key longer than YAML allows for an implicit key as an explicit one', () => {
    const long = 'k'.repeat(1500);
    const text = toYaml({ a: { [long]: { b: 1 } } });
    expect(text).toContain(`? ${long}\n  :\n    b: 1\n`);
    expect(load(text)).toEqual({ a: { [long]: { b: 1 } } });
  });
});

describe('YAML writer: structure', () => {
  it('block style, two-space indent, sequences indented under their key, empty collections inline', () => {
    const value = { a: { b: [1, { c: 'd', e: [] }, [2, [3]], {}], f: {} }, g: [] };
    expect(toYaml(value)).toBe(['a:', '  b:', '    - 1', '    - c: d', '      e: []', '    - - 2', '      - - 3', '    - {}', '  f: {}', 'g: []', ''].join('\n'));
    expect(roundTrip(value)).toEqual(value);
  });

  it('keeps key order, leaves out undefined keys and writes undefined items as null (as JSON does)', () => {
    expect(toYaml({ z: 1, a: 2, u: undefined, m: [undefined, 3] })).toBe('z: 1\na: 2\nm:\n  - null\n  - 3\n');
    expect(toYaml({ only: undefined })).toBe('{}\n');
  });

  it('writes a __proto__ key as an ordinary key', () => {
    const value = JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown;
    expect(toYaml(value)).toBe('__proto__:\n  a: 1\nb: 2\n');
  });

  it('writes a document at the root that is not a mapping', () => {
    expect(toYaml([1, 'a'])).toBe('- 1\n- a\n');
    expect(toYaml('yes')).toBe('"yes"\n');
    expect(load(toYaml('a\nb'))).toBe('a\nb');
  });

  it('refuses what JSON-like values cannot hold', () => {
    expect(() => toYaml({ f: () => 1 })).toThrow(TypeError);
    expect(() => toYaml({ b: 1n })).toThrow(TypeError);
  });

  it('renderYaml starts with the generated-file header, and the same value always gives the same bytes', () => {
    const value = { b: [{ x: 'yes' }], a: 'a\nb' };
    expect(renderYaml(value)).toBe(YAML_HEADER + toYaml(value));
    expect(renderYaml(structuredClone(value))).toBe(renderYaml(value));
  });

  it('round-trips random values built from the tricky strings', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const scalar = (): unknown => {
      const r = random(10);
      if (r < 6) return TRICKY[random(TRICKY.length)] + (random(3) === 0 ? TRICKY[random(TRICKY.length)] : '');
      return r === 6 ? random(1000) - 500 : r === 7 ? random(2) === 0 : r === 8 ? null : random(1000) / 7;
    };
    const value = (depth: number): unknown => {
      const r = depth > 3 ? 3 : random(4);
      if (r === 0) return Object.fromEntries(Array.from({ length: random(4) }, () => [String(scalar()), value(depth + 1)]));
      if (r === 1) return Array.from({ length: random(4) }, () => value(depth + 1));
      return scalar();
    };
    for (let i = 0; i < 500; i++) {
      const v = { root: value(0) };
      expect(roundTrip(v), toYaml(v)).toEqual(v);
      for (const s of plainScalars(v)) for (const implicit of YAML11_IMPLICIT) expect(implicit.test(s), s).toBe(false);
    }
  });
});

describe.skipIf(!hasAzureSpecs)('YAML writer on real CRDs', () => {
  it.each([
    ['Microsoft.Network', '2021-02-01'],
    ['Microsoft.Compute', '2021-03-01'],
  ])('every CRD of %s %s reads back as the object it was written from', (namespace, version) => {
    const model = runStages(loadAzure(namespace, version).model, [...asoStages]).model;
    const context = recordingContext();
    const builders = new Map<ApiPackage, SchemaBuilder>();
    const schemaFor = (pkg: ApiPackage) => builders.get(pkg) ?? builders.set(pkg, new SchemaBuilder(pkg, context)).get(pkg)!;
    const kinds = kindsOf(model);
    expect(kinds.length).toBeGreaterThan(10);
    for (const kind of kinds) {
      const crd = assembleCrd(kind, schemaFor, context);
      expect(load(renderYaml(crd)), kind.kind).toEqual(JSON.parse(JSON.stringify(crd)));
    }
  });
});

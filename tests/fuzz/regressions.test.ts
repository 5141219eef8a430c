/**
 * What the fuzzer found, each with its fixture in `specs/fixtures/fuzz/` run through the whole
 * generator (load → aso stages → aso emitters → write):
 *   prototype-names  definitions named `valueOf`, `__proto__`, `constructor` and an ARM type
 *                    segment `constructor` crashed `spec-status`, `resource-names` and
 *                    `arm-references` (plain-object lookups found Object.prototype members);
 *   wrong-types      sections, path items, operations, parameter lists, `properties`, `allOf`
 *                    of the wrong JSON type, and `swagger: "3.0"`, were ignored silently;
 *   invalid-utf8     invalid bytes were silently read as U+FFFD;
 *   long-names       a long run of capitals in a name or enum value made `words()` quadratic
 *                    (a 1 MB one never finished);
 *   deep-values      a `swagger` value nested 10,000 levels deep overflowed the stack in the
 *                    new Swagger-version check (JSON.stringify of the value); with it, a schema
 *                    nested 1,000 levels and a default nested 10,000 levels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../generator/loader/load.js';
import { singular, singularWord, words } from '../../generator/naming/words.js';
import { BUG_CODES, generateOnce } from '../../scripts/fuzz/generate-once.js';
import { fixturesDir } from '../helpers.js';

const fixture = (name: string) => path.join(fixturesDir, 'fuzz', name);
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function generate(name: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-fuzz-regression-'));
  tempDirs.push(root);
  const outDir = path.join(root, 'out');
  const outcome = await generateOnce(fixture(name), outDir);
  expect(outcome.uncaught).toBeUndefined();
  expect(outcome.diagnostics.filter((d) => BUG_CODES.has(d.code))).toEqual([]);
  expect(outcome.written).toBe(true);
  return outcome;
}

const located = (o: Awaited<ReturnType<typeof generate>>, codes: string[]) =>
  o.diagnostics.filter((d) => codes.includes(d.code)).map((d) => `${d.severity} ${d.code} ${d.file?.split('/').slice(-2).join('/')}#${d.pointer}`);

describe('definitions and ARM types named like Object.prototype members', () => {
  const proto = 'specification/proto/resource-manager/Contoso.Proto/stable/2021-01-01/proto.json';

  it('generate without a crash; each reserved definition name is a warning and gets a safe name', async () => {
    const o = await generate('prototype-names');
    expect(o.diagnostics.filter((d) => d.code === 'reserved-type-name')).toEqual(
      ['__proto__', 'constructor', 'valueOf'].map((name) => ({
        code: 'reserved-type-name',
        severity: 'warning',
        source: 'loader',
        file: proto,
        pointer: `/definitions/${name}`,
        message: `definition name "${name}" cannot name a type; it is named ${name}_Proto`,
      })),
    );
    expect(o.emitted.files).toBeGreaterThan(0);
  });

  it('keep the renamed types as own keys of the package, referenced by their new names', () => {
    const { model } = loadSpecs({ specsDir: fixture('prototype-names') });
    const types = model.packages[0].types;
    expect(Object.keys(types).sort()).toEqual(['Widget', '__proto___Proto', 'constructor_Proto', 'valueOf_Proto']);
    expect(Object.getPrototypeOf(types)).toBe(Object.prototype);
    const widget = types.Widget.type;
    expect(widget.kind === 'object' && widget.properties.map((p) => [p.armName, p.type])).toEqual([
      ['id', { kind: 'primitive', primitive: 'string' }],
      ['name', { kind: 'primitive', primitive: 'string' }],
      ['properties', { kind: 'ref', name: '__proto___Proto' }],
      ['settings', { kind: 'ref', name: 'constructor_Proto' }],
    ]);
    expect(model.packages[0].resources.map((r) => r.armType).sort()).toEqual(['Contoso.Proto/constructor', 'Contoso.Proto/widgets']);
  });

  it('singular forms ignore inherited keys of the irregular-plural table', () => {
    expect(singularWord('constructor')).toBe('constructor');
    expect(singularWord('toString')).toBe('toString');
    expect(singular('hasOwnProperties')).toBe('hasOwnProperty');
    expect(singularWord('indexes')).toBe('index');
  });
});

describe('wrong JSON types at structural places', () => {
  it('are reported where they are, and the rest of the document still loads', async () => {
    const o = await generate('wrong-types');
    const f1 = '2021-01-01/shapes.json';
    const v2 = '2021-02-01/shapes.json';
    const squares = '/paths/~1subscriptions~1{subscriptionId}~1resourceGroups~1{resourceGroupName}~1providers~1Contoso.Shapes~1squares~1{squareName}';
    const circles = squares.replace('squares~1{squareName}', 'circles~1{circleName}');
    const lines = squares.replace('squares~1{squareName}', 'lines~1{lineName}');
    expect(located(o, ['invalid-structure', 'invalid-schema', 'unsupported-swagger-version']).sort()).toEqual(
      [
        `warning unsupported-swagger-version ${f1}#/swagger`,
        `error invalid-structure ${f1}#/parameters`,
        `error invalid-structure ${f1}#${squares}/parameters`,
        `error invalid-structure ${f1}#${squares}/get`,
        `error invalid-structure ${f1}#${circles}`,
        `error invalid-structure ${f1}#${lines}/put/parameters`,
        `warning invalid-schema ${f1}#/definitions/Square/properties/corners/properties`,
        `warning invalid-schema ${f1}#/definitions/Style/allOf`,
        `error invalid-structure ${v2}#/paths`,
        `error invalid-structure ${v2}#/definitions`,
      ].sort(),
    );
    const message = (pointer: string) => o.diagnostics.find((d) => d.pointer === pointer)?.message;
    expect(message('/swagger')).toBe('"swagger" is "3.0", not "2.0"; read as Swagger 2.0');
    expect(message(`${squares}/get`)).toMatch(/^operation get .* is a number, not an object; ignored$/);
    expect(message('/definitions/Style/allOf')).toBe('"allOf" is not an array; ignored');
  });

  it('do not stop the square resource from being generated', () => {
    const { model } = loadSpecs({ specsDir: fixture('wrong-types') });
    const v1 = model.packages.find((p) => p.apiVersion === '2021-01-01')!;
    expect(v1.resources.map((r) => r.armType).sort()).toEqual(['Contoso.Shapes/lines', 'Contoso.Shapes/squares']);
    expect(v1.resources.find((r) => r.armType === 'Contoso.Shapes/squares')?.putType).toEqual({ kind: 'ref', name: 'Square' });
  });
});

describe('a file that is not valid UTF-8', () => {
  it('is a warning on the file; it is read with U+FFFD in place of the bad bytes', async () => {
    const o = await generate('invalid-utf8');
    expect(o.diagnostics).toContainEqual({
      code: 'invalid-utf8',
      severity: 'warning',
      source: 'loader',
      file: 'specification/text/resource-manager/Contoso.Text/stable/2021-01-01/text.json',
      pointer: '',
      message: 'file is not valid UTF-8; the invalid bytes are read as U+FFFD',
    });
    const { model } = loadSpecs({ specsDir: fixture('invalid-utf8') });
    const note = model.packages[0].types.Note.type;
    expect(note.kind === 'object' && note.properties[0].description).toBe('Latin-1, not UTF-8: caf\uFFFD');
  });
});

describe('names made of long runs of capitals', () => {
  it('a 20,000-capital property name and enum value generate in well under a second each', async () => {
    const started = performance.now();
    const o = await generate('long-names');
    // Before the fix, each words() call on these took about a second, and there are dozens.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(o.emitted.files).toBeGreaterThan(0);
  });

  it('words() is linear on capital runs', () => {
    const started = performance.now();
    expect(words('A'.repeat(200_000))).toEqual(['A'.repeat(200_000)]);
    expect(words('Z'.repeat(100_000) + 'Ab')).toEqual(['Z'.repeat(100_000), 'Ab']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('words() splits as before the fix (checked against the old regex on random identifiers)', () => {
    const old = (id: string) =>
      id
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean);
    const alphabet = 'AaBbZz09_-. ';
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % alphabet.length;
    for (let i = 0; i < 5000; i++) {
      const id = Array.from({ length: 1 + (i % 12) }, () => alphabet[next()]).join('');
      expect(words(id), id).toEqual(old(id));
    }
  });
});

describe('values nested 10,000 levels deep', () => {
  it('a deep `swagger` value, schema and default are diagnostics, not a stack overflow', async () => {
    const o = await generate('deep-values');
    const file = 'specification/deep/resource-manager/Contoso.Deep/stable/2021-01-01/deep.json';
    expect(o.diagnostics.find((d) => d.code === 'unsupported-swagger-version')).toMatchObject({
      file,
      pointer: '/swagger',
      message: '"swagger" is an object, not "2.0"; read as Swagger 2.0',
    });
    const tooDeep = o.diagnostics.filter((d) => d.code === 'schema-too-deep');
    expect(tooDeep).toHaveLength(1);
    expect(tooDeep[0]).toMatchObject({ severity: 'warning', file });
    expect(tooDeep[0].pointer).toMatch(/^\/definitions\/Row\/properties\/nested(\/items)+$/);
    expect(o.emitted.files).toBeGreaterThan(0);
  });
});

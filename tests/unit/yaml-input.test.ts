/** YAML read with limits: text size, aliases per document, what aliases add to a document, recursion. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expansionProblem, loadYamlStream, readTextLimited } from '../../generator/yaml-input.js';
import { aliasBomb } from '../alias-bomb.js';


describe('loadYamlStream', () => {
  it('reads documents as before: YAML 1.2 core schema, several documents, aliases that add little', () => {
    const result = loadYamlStream('a: 2021-04-01\nb: &x {c: 1}\nd: *x\n---\n- 1\n');
    expect(result).toEqual({ ok: true, documents: [{ a: '2021-04-01', b: { c: 1 }, d: { c: 1 } }, [1]] });
  });

  it('refuses an alias bomb at once, before anything walks it', () => {
    const started = performance.now();
    const result = loadYamlStream(aliasBomb(9, 9));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result).toEqual({ ok: false, problem: 'limit', reason: 'aliases expand the document by more than 1,000,000 values (an alias bomb?)' });
    // Under the limit is fine: five levels make about 672,000 values as a tree, of 65 parsed.
    expect(loadYamlStream(aliasBomb(5, 9)).ok).toBe(true);
    expect(loadYamlStream(aliasBomb(5, 9), { limits: { maxAliasedValues: 600_000 } }).ok).toBe(false);
  });

  it('names the document of a stream that is too large', () => {
    const result = loadYamlStream(`a: 1\n---\n${aliasBomb(8, 9)}`);
    expect(result.ok || result.reason).toMatch(/^document 2: aliases expand/);
  });

  it('limits the aliases of a document', () => {
    const many = `a: &a 1\nb: [${Array(20).fill('*a').join(', ')}]\n`;
    expect(loadYamlStream(many, { limits: { maxAliases: 10 } })).toEqual({ ok: false, problem: 'limit', reason: expect.stringMatching(/^more than 10 aliases \(\*name\) in one document at line 2/) });
    expect(loadYamlStream(many, { limits: { maxAliases: 20 } }).ok).toBe(true);
  });

  it('refuses a value that contains itself, and a text over the size limit', () => {
    expect(loadYamlStream('a: &x [1, *x]\n')).toEqual({ ok: false, problem: 'limit', reason: 'a recursive alias: a value contains itself' });
    expect(loadYamlStream('a: 1234567890\n', { limits: { maxBytes: 10 } })).toEqual({ ok: false, problem: 'limit', reason: 'the text is larger than the limit of 10 bytes' });
  });

  it('gives the line of a syntax error', () => {
    const result = loadYamlStream('a: [\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toBe('syntax');
    expect(!result.ok && result.reason).toMatch(/at line \d+, column \d+$/);
  });
});

describe('expansionProblem', () => {
  it('counts shared values once per place, without walking the tree', () => {
    const leaf = [1, 2, 3];
    let node: unknown[] = leaf;
    for (let i = 0; i < 40; i++) node = [node, node];
    // 2^40 leaves: counted bottom-up, in no time.
    expect(expansionProblem({ root: node }, 1_000_000)).toMatch(/more than 1,000,000 values/);
    // The second place of `leaf` adds 4 values (the list and its 3 items).
    expect(expansionProblem({ a: leaf, b: leaf }, 4)).toBeUndefined();
    expect(expansionProblem({ a: leaf, b: leaf }, 3)).toMatch(/more than 3 values/);
    expect(expansionProblem({ a: leaf, b: [1, 2, 3] }, 0)).toBeUndefined();
  });

  it('walks deep nesting without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(expansionProblem(deep, 10)).toBeUndefined();
  });
});

describe('readTextLimited', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-yaml-input-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file, refuses one over the limit before reading it, and names a read error', () => {
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'a: 1\n');
    expect(readTextLimited(file)).toEqual({ ok: true, text: 'a: 1\n' });
    expect(readTextLimited(file, 3)).toEqual({ ok: false, problem: 'limit', reason: `${file} is larger than the limit of 3 bytes (5 bytes)` });
    expect(readTextLimited(dir)).toEqual({ ok: false, problem: 'unreadable', reason: 'cannot be read (EISDIR)' });
    expect(readTextLimited(path.join(dir, 'missing'))).toEqual({ ok: false, problem: 'unreadable', reason: 'cannot be read (ENOENT)' });
  });
});

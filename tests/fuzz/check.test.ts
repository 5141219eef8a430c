/**
 * The fuzzer's oracle: the invariants each case is checked against, the folder digests that
 * compare output folders with emitted files, and the worker slot's hang and crash detection
 * (with stand-in worker scripts that hang, die, or answer).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCase, type CaseObservation } from '../../scripts/fuzz/check.js';
import { compileOutput } from '../../scripts/fuzz/compile.js';
import { folderDigest, leftoversBeside } from '../../scripts/fuzz/folder-state.js';
import { digestFiles, type GenerateOutcome } from '../../scripts/fuzz/generate-once.js';
import type { Mutation } from '../../scripts/fuzz/mutations.js';
import { WorkerSlot } from '../../scripts/fuzz/worker-slot.js';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

const FILE = 'x/resource-manager/Contoso.X/stable/2021-01-01/x.json';
const truncation: Mutation = { kind: 'truncate', file: FILE, pointer: '', detail: 'cut at byte 10', mustReport: true, expectedCodes: ['invalid-json'] };

function outcome(over: Partial<GenerateOutcome> = {}): GenerateOutcome {
  return { diagnostics: [], written: false, emitted: { files: 0, digest: digestFiles([]) }, milliseconds: 1, ...over };
}

function observe(over: Partial<CaseObservation>): CaseObservation {
  return { mutations: [], result: { kind: 'done', outcome: outcome() }, before: 'a', after: 'a', leftovers: [], ...over };
}

describe('checkCase', () => {
  it('passes a run that reported the broken file with the owed code and left the output alone', () => {
    const reported = outcome({ diagnostics: [{ code: 'invalid-json', severity: 'error', file: FILE, pointer: '', message: 'not valid JSON' }] });
    expect(checkCase(observe({ mutations: [truncation], result: { kind: 'done', outcome: reported } }))).toEqual([]);
  });

  it('fails a broken file nobody names, or named only under another code', () => {
    const other = outcome({ diagnostics: [{ code: 'dangling-ref', severity: 'error', file: FILE, message: 'x' }] });
    const violations = checkCase(observe({ mutations: [truncation], result: { kind: 'done', outcome: other } }));
    expect(violations).toMatchObject([{ rule: 'unreported', mutation: 0 }]);
    expect(violations[0].message).toContain('with code invalid-json');
  });

  it('fails hangs, dead workers, escaped exceptions and stage crashes', () => {
    expect(checkCase(observe({ result: { kind: 'hang', milliseconds: 5000 } })).map((v) => v.rule)).toEqual(['hang']);
    expect(checkCase(observe({ result: { kind: 'died', code: null, signal: 'SIGABRT', stderr: 'FATAL ERROR: heap out of memory' } }))[0].message).toContain('heap out of memory');
    const crashed = outcome({
      uncaught: { step: 'write', error: 'Error: two emitted files have the path a' },
      diagnostics: [{ code: 'stage-failed', severity: 'error', source: 'tidy', message: 'stage tidy failed: RangeError: Maximum call stack size exceeded' }],
    });
    expect(checkCase(observe({ result: { kind: 'done', outcome: crashed } })).map((v) => v.rule)).toEqual(['uncaught', 'stage-crash']);
  });

  it('fails a run that wrote nothing but changed the previous output', () => {
    expect(checkCase(observe({ before: 'a', after: 'b' })).map((v) => v.rule)).toEqual(['output-touched']);
  });

  it('fails a run that wrote something else than it emitted, or left folders beside the output', () => {
    const wrote = outcome({ written: true, emitted: { files: 2, digest: 'emitted' } });
    expect(checkCase(observe({ result: { kind: 'done', outcome: wrote }, after: 'emitted' }))).toEqual([]);
    expect(checkCase(observe({ result: { kind: 'done', outcome: wrote }, after: 'partial' })).map((v) => v.rule)).toEqual(['output-incomplete']);
    expect(checkCase(observe({ result: { kind: 'done', outcome: wrote }, after: 'emitted', leftovers: ['out.armkube-tmp-1'] })).map((v) => v.rule)).toEqual(['leftovers']);
  });
});

describe('the compile check', () => {
  it('fails a case whose written TypeScript tsc --strict refuses, with the errors; passes one it accepts', () => {
    const wrote = outcome({ written: true, emitted: { files: 1, digest: 'emitted' } });
    const base = { result: { kind: 'done', outcome: wrote } as const, after: 'emitted' };
    expect(checkCase(observe({ ...base, compile: { kind: 'checked', errors: [], milliseconds: 5 } }))).toEqual([]);
    const refused = checkCase(observe({ ...base, compile: { kind: 'checked', errors: ["ts/a/v1/A.ts(3,9): error TS2322: Type '{}' is not assignable to type 'A'."], milliseconds: 5 } }));
    expect(refused.map((v) => v.rule)).toEqual(['compile']);
    expect(refused[0].message).toContain('TS2322');
    expect(checkCase(observe({ ...base, compile: { kind: 'hang', milliseconds: 9000 } })).map((v) => v.rule)).toEqual(['compile']);
  });

  it('runs tsc --strict over a written ts/ folder (the build is needed for the runtime declarations)', async () => {
    const dir = tempDir('armkube-fuzz-compile-');
    const out = path.join(dir, 'out');
    mkdirSync(path.join(out, 'ts', 'g', 'v1'), { recursive: true });
    writeFileSync(path.join(out, 'ts', 'g', 'v1', 'A.ts'), "import type { SecretReference } from 'armkube/runtime';\nexport interface A { toString?: string; s?: SecretReference }\nexport const a: A = {};\n");
    writeFileSync(path.join(out, 'ts', 'g', 'v1', 'A.client.ts'), "import { nothing } from '@kubernetes/client-node';\n");
    const refused = await compileOutput(out, path.join(dir, 'tsconfig.json'), 60_000);
    expect(refused.kind).toBe('checked');
    expect(refused.kind === 'checked' && refused.errors.map((e) => e.replace(/\(.*/, ''))).toEqual(['ts/g/v1/A.ts']);
    writeFileSync(path.join(out, 'ts', 'g', 'v1', 'A.ts'), "import type { SecretReference } from 'armkube/runtime';\nexport interface A { toString?: string; s?: SecretReference }\nexport const a = {} as A;\n");
    expect(await compileOutput(out, path.join(dir, 'tsconfig.json'), 60_000)).toMatchObject({ kind: 'checked', errors: [] });
    expect(await compileOutput(path.join(dir, 'nothing'), path.join(dir, 'tsconfig.json'), 60_000)).toMatchObject({ kind: 'skipped' });
  });
});

describe('output folder state', () => {
  it('digests a folder like the list of files written into it', () => {
    const dir = path.join(tempDir('armkube-fuzz-digest-'), 'out');
    const files = [
      { path: 'crds/a.yaml', content: 'a: 1\n' },
      { path: 'ts/x/y/B.ts', content: 'export {};\n' },
    ];
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      writeFileSync(path.join(dir, f.path), f.content);
    }
    expect(folderDigest(dir)).toBe(digestFiles(files));
    expect(folderDigest(dir)).not.toBe(digestFiles(files.slice(0, 1)));
    expect(folderDigest(path.join(dir, 'nothing'))).toBe('absent');
    mkdirSync(`${dir}.armkube-old-42`);
    expect(leftoversBeside(dir)).toEqual(['out.armkube-old-42']);
  });
});

describe('WorkerSlot', () => {
  const script = (name: string, onMessage: string) => {
    const file = path.join(tempDir('armkube-fuzz-worker-'), `${name}.mjs`);
    writeFileSync(file, `import fs from 'node:fs';\nprocess.on('message', (m) => { ${onMessage} });\nprocess.send({ ready: true });\n`);
    return file;
  };

  it('returns the outcome a worker sends', async () => {
    const slot = new WorkerSlot(script('answers', "process.send({ id: m.id, outcome: { diagnostics: [], written: true, emitted: { files: 0, digest: 'd' }, milliseconds: 0, specs: m.specsDir } });"));
    const result = await slot.run('/specs', '/out', 10_000);
    slot.stop();
    expect(result).toMatchObject({ kind: 'done', outcome: { written: true, specs: '/specs' } });
  });

  it('kills a worker that does not answer in time, and starts a fresh one for the next case', async () => {
    const flag = path.join(tempDir('armkube-fuzz-flag-'), 'hung');
    const slot = new WorkerSlot(
      script('hangs-once', `if (!fs.existsSync(${JSON.stringify(flag)})) { fs.writeFileSync(${JSON.stringify(flag)}, ''); for (;;) {} } process.send({ id: m.id, outcome: { diagnostics: [], written: false, emitted: { files: 0, digest: 'd' }, milliseconds: 0 } });`),
    );
    const hung = await slot.run('/specs', '/out', 1_000);
    expect(hung.kind).toBe('hang');
    const next = await slot.run('/specs', '/out', 10_000);
    slot.stop();
    expect(next.kind).toBe('done');
  });

  it('reports a worker that dies, with the end of its stderr', async () => {
    const slot = new WorkerSlot(script('dies', "process.stderr.write('native crash\\n'); process.exit(134);"));
    const result = await slot.run('/specs', '/out', 10_000);
    expect(result).toMatchObject({ kind: 'died', code: 134 });
    expect(result.kind === 'died' && result.stderr).toContain('native crash');
  });
});

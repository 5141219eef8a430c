/**
 * The temporary folders of import and render (the transpiled generated code) go however the
 * process ends: removed by their owner, at exit (also after process.exit, which skips finally
 * blocks), on SIGINT and SIGTERM (and the process still ends by the signal). Each case runs the
 * built module in a child process whose TMPDIR is a fresh folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers.js';

const moduleUrl = pathToFileURL(path.join(repoRoot, 'dist', 'generator', 'output-reader', 'temp-dirs.js')).href;
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** Runs `body` (after `const dir = makeTempDir(...)`) in a child; what TMPDIR holds afterwards. */
function run(body: string) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'armkube-temp-dirs-test-'));
  roots.push(tmp);
  const script = `import { makeTempDir, removeTempDir, liveTempDirs } from ${JSON.stringify(moduleUrl)};
import { writeFileSync, mkdirSync } from 'node:fs';
const dir = makeTempDir('armkube-generated-');
mkdirSync(dir + '/ts/a', { recursive: true });
writeFileSync(dir + '/ts/a/x.js', 'export {}');
process.stdout.write(dir + '\\n');
${body}`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', timeout: 20_000 });
  return { ...out, left: readdirSync(tmp), made: out.stdout.split('\n')[0] };
}

describe('temporary folders', () => {
  it('are made under TMPDIR and removed by their owner', () => {
    const out = run(`removeTempDir(dir); process.stdout.write(String(liveTempDirs().length));`);
    expect(out.stderr).toBe('');
    expect(path.dirname(out.made)).toMatch(/armkube-temp-dirs-test-/);
    expect(out.stdout.trim().endsWith('0')).toBe(true);
    expect(out.left).toEqual([]);
  });

  it('are removed at exit, also after process.exit and an uncaught error', () => {
    expect(run('process.exit(3);')).toMatchObject({ status: 3, left: [] });
    const thrown = run("throw new Error('boom');");
    expect(thrown.status).toBe(1);
    expect(thrown.left).toEqual([]);
  });

  it('are removed on SIGTERM and SIGINT, and the process still ends by the signal', () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const out = run(`process.kill(process.pid, '${signal}'); setTimeout(() => process.stdout.write('survived'), 2000);`);
      expect(out.signal, signal).toBe(signal);
      expect(out.stdout).not.toContain('survived');
      expect(out.left, signal).toEqual([]);
    }
  });

  it('leave a signal to another handler when there is one', () => {
    const out = run(`process.on('SIGTERM', () => { process.stdout.write('handled'); process.exit(0); }); process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 2000);`);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('handled');
    expect(out.left).toEqual([]);
  });
});

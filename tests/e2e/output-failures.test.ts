/**
 * Runs that cannot finish say so and keep the previous output: two runs into one folder (the
 * lock: one waits or is refused, both say so), a full disk (ENOSPC on a 1 MB tmpfs), a folder the
 * user may not write (EACCES), SIGINT and SIGTERM (exit 130/143, no staging folder left).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azureSpecsDir, hasAzureSpecs } from '../helpers.js';
import { armkube, fixture, start, tree, until } from './safety-helpers.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-e2e-failures-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding an output armkube wrote from the fixture. */
function written(): { dir: string; out: string } {
  const dir = path.join(root, `case-${++n}`);
  mkdirSync(dir);
  const out = path.join(dir, 'out');
  const run = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  return { dir, out };
}

const noStackTrace = /\n\s+at .*\(/;

describe('one run at a time per output folder', () => {
  it('a second run waits for the first, then replaces its output; both say so', async () => {
    const { dir, out } = written();
    const a = start(['generate', '--specs', fixture, '--all', '--out', out], { cwd: dir });
    expect(await until(() => existsSync(`${out}.armkube-lock`), 30_000)).toBe(true);
    // Hold the first run while it holds the lock, so that the second one surely finds it.
    a.child.kill('SIGSTOP');
    const b = start(['generate', '--specs', fixture, '--all', '--out', out], { cwd: dir, env: { ARMKUBE_LOCK_WAIT: '120' } });
    expect(await until(() => readdirSync(dir).some((f) => f.startsWith('out.armkube-lock.waiting-')), 30_000)).toBe(true);
    a.child.kill('SIGCONT');
    const [first, second] = await Promise.all([a.done, b.done]);
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
    expect(first.stdout).toMatch(/written to/);
    expect(first.stderr).toContain(`another armkube run (pid ${b.child.pid}) is waiting to write this output folder: it will replace this output`);
    expect(second.stderr).toContain(`waiting for another armkube run (pid ${a.child.pid}, generate) that is writing ${out}`);
    expect(second.stderr).toContain(`the other run (pid ${a.child.pid}) finished; this run now replaces its output`);
    expect(readdirSync(dir)).toEqual(['out']);
  }, 120_000);

  it('a second run that waits too long is refused (exit 1, old output intact); the first says so', async () => {
    const { dir, out } = written();
    const before = tree(out);
    const a = start(['generate', '--specs', fixture, '--all', '--out', out], { cwd: dir });
    expect(await until(() => existsSync(`${out}.armkube-lock`), 30_000)).toBe(true);
    a.child.kill('SIGSTOP');
    const b = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--json'], { cwd: dir, env: { ARMKUBE_LOCK_WAIT: '1' } });
    expect(b.status).toBe(1);
    expect(b.stderr).toContain(`another armkube run (pid ${a.child.pid}, generate`);
    expect(b.stderr).toContain(`is writing ${out}`);
    expect(JSON.parse(b.stdout)).toMatchObject({ written: false, error: { code: 'output-locked' } });
    expect(tree(out)).toEqual(before);
    a.child.kill('SIGCONT');
    const first = await a.done;
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/another armkube run \(pid \d+\) wanted to write this output folder meanwhile and was refused/);
    expect(readdirSync(dir)).toEqual(['out']);
  }, 120_000);

  it('takes over the lock of a run that died', () => {
    const { dir, out } = written();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${out}.armkube-lock`, JSON.stringify({ pid: Number(dead), command: 'generate', started: 'earlier' }));
    const run = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});

describe('write failures: one clean line, exit 1, the previous output intact', () => {
  it('ENOSPC on a 1 MB tmpfs, in text and in --json', (context) => {
    const mountPoint = path.join(root, 'tmpfs');
    mkdirSync(mountPoint);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mount.status !== 0) {
      context.skip(`mount -t tmpfs was refused (${(mount.stderr || String(mount.error)).trim()}): ENOSPC not tested`);
      return;
    }
    try {
      const out = path.join(mountPoint, 'out');
      expect(armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: root }).status).toBe(0);
      const before = tree(out);
      // Leave less room than the output needs: the staging copy cannot be written.
      const free = Number(spawnSync('df', ['--output=avail', '-B1', mountPoint], { encoding: 'utf8' }).stdout.trim().split('\n')[1]);
      writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(Math.max(0, free - 64 * 1024)));
      const text = armkube(['generate', '--specs', fixture, '--all', '--out', out], { cwd: root });
      expect(text.status).toBe(1);
      expect(text.stderr).toMatch(new RegExp(`^armkube: cannot write ${out}: no space left on device \\(ENOSPC, write .*\\) \\(the previous output is intact\\)\\n$`));
      expect(text.stderr).not.toMatch(noStackTrace);
      const json = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--json'], { cwd: root });
      expect(json.status).toBe(1);
      const summary = JSON.parse(json.stdout);
      expect(summary).toMatchObject({ written: false, error: { code: 'write-failed' } });
      expect(summary.error.message).toMatch(/no space left on device \(ENOSPC/);
      expect(Array.isArray(summary.diagnostics)).toBe(true);
      expect(tree(out)).toEqual(before);
      expect(readdirSync(mountPoint).sort()).toEqual(['filler', 'out']);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('EACCES: a folder the user may not write into', (context) => {
    if (process.getuid?.() !== 0) {
      context.skip('needs root to run the CLI as another user');
      return;
    }
    const { dir, out } = written();
    chmodSync(dir, 0o755);
    const before = tree(out);
    const asNobody = { cwd: root, uid: 65534, gid: 65534, env: { HOME: root } };
    const text = armkube(['generate', '--specs', fixture, '--all', '--out', out], asNobody);
    expect(text.status).toBe(1);
    expect(text.stderr).toMatch(/^armkube: cannot create the lock file .*out\.armkube-lock: permission denied \(EACCES, open .*\)\n$/);
    const json = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--json'], asNobody);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'output-locked' });
    expect(tree(out)).toEqual(before);
  });
});

describe('SIGINT and SIGTERM stop a run cleanly', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-run: a message, exit ${code}, the previous output intact, no staging folder or lock left`, async () => {
      const { dir, out } = written();
      const before = tree(out);
      const run = start(['generate', '--specs', fixture, '--all', '--out', out], { cwd: dir });
      expect(await until(() => existsSync(`${out}.armkube-lock`), 30_000)).toBe(true);
      run.child.kill(signal);
      const result = await run.done;
      expect(result.status).toBe(code);
      expect(result.stderr).toContain(`armkube: ${signal} received: stopping, the output folder is left as it was`);
      expect(result.stderr).toMatch(/interrupted \(SIG(INT|TERM)\).*the previous output is intact/);
      expect(result.stderr).not.toMatch(noStackTrace);
      expect(tree(out)).toEqual(before);
      expect(readdirSync(dir)).toEqual(['out']);
    }, 60_000);
  }

  it.skipIf(!hasAzureSpecs)('SIGINT while the staging folder is being written: it is removed, the previous output stays', async () => {
    const { dir, out } = written();
    const before = tree(out);
    const run = start(['generate', '--specs', azureSpecsDir, '--all', '--group', 'Microsoft.Network', '--out', out, '--quiet'], { cwd: dir });
    const staging = () => readdirSync(dir).some((f) => f.startsWith('out.armkube-tmp-'));
    expect(await until(staging, 150_000)).toBe(true);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.status, result.stderr).toBe(130);
    expect(result.stderr).toContain('SIGINT received');
    expect(tree(out)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['out']);
  }, 180_000);
});

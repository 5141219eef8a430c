/**
 * The compile check of a fuzz case: `tsc --strict` (TypeScript 7 of devDependencies, its native
 * compiler when installed) over the TypeScript a case wrote, `armkube/runtime` mapped to the
 * built runtime's declarations. The typed clients (`*.client.ts`) are left out: they only add
 * the types of @kubernetes/client-node, which cost a second per run, and no property name of the
 * specs reaches them (the e2e compile test checks them).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../generator/package-root.js';
import { generatedCodeCompilerOptions, tscCommand } from '../tsc.js';

export type CompileResult = { kind: 'checked'; errors: string[]; milliseconds: number } | { kind: 'skipped'; reason: string } | { kind: 'hang'; milliseconds: number };


/**
 * Type-checks `<outDir>/ts` (when there is TypeScript in it) with the tsconfig written at
 * `tsconfigPath` (outside the output folder, which must hold only what armkube wrote). The
 * errors are tsc's lines, paths relative to the output folder.
 */
export function compileOutput(outDir: string, tsconfigPath: string, timeoutMs: number): Promise<CompileResult> {
  const tsRoot = path.join(outDir, 'ts');
  if (!existsSync(tsRoot)) return Promise.resolve({ kind: 'skipped', reason: 'no ts/ folder' });
  const repo = packageRoot();
  const runtime = path.join(repo, 'dist', 'generator', 'runtime', 'index.d.ts');
  if (!existsSync(runtime)) return Promise.resolve({ kind: 'skipped', reason: `${runtime} is missing: run npm run build` });
  const tsconfig = {
    compilerOptions: generatedCodeCompilerOptions({ noEmit: true, types: [], paths: { 'armkube/runtime': [runtime] } }),
    include: [path.join(tsRoot, '**', '*.ts')],
    exclude: [path.join(tsRoot, '**', '*.client.ts')],
  };
  writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2));
  const [command, ...args] = tscCommand(repo);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args, '-p', tsconfigPath, '--pretty', 'false'], { cwd: outDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ kind: 'hang', milliseconds: Math.round(performance.now() - started) });
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      // tsc failing with no error line (a crash of the compiler) is an error too.
      if (status !== 0 && errors.length === 0) errors.push(`tsc exited with ${status} and no diagnostics: ${output.slice(0, 2000)}`);
      resolve({ kind: 'checked', errors, milliseconds: Math.round(performance.now() - started) });
    });
  });
}

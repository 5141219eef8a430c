/**
 * How the scripts run TypeScript over generated code: the compiler (TypeScript 7 of
 * devDependencies, its native binary when installed) and the compiler options of the
 * generated-code contract (`tsc --strict`, ES2022, NodeNext).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The native compiler of TypeScript 7 when installed, else its node launcher. */
export function tscCommand(repo: string): string[] {
  const exe = path.join(repo, 'node_modules', '@typescript', `typescript-${process.platform}-${process.arch}`, 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
  return existsSync(exe) ? [exe] : [process.execPath, path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc')];
}

/** The options generated code must compile with; `extra` adds to them (paths, types, noEmit). */
export function generatedCodeCompilerOptions(extra: Record<string, unknown>): Record<string, unknown> {
  return { target: 'ES2022', lib: ['ES2022'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, ...extra };
}

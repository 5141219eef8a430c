/**
 * Helpers of the TypeScript emitter tests: emit a model, write the files to a temporary folder,
 * type-check them with `tsc --strict` (the TypeScript 7 compiler of devDependencies), and load
 * them at run time (each file transpiled to JavaScript, `armkube/runtime` in a local
 * `node_modules`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import { Diagnostics } from '../../../../generator/diagnostics.js';
import type { EmittedFile } from '../../../../generator/emit/emitter.js';
import { typescriptEmitter } from '../../../../generator/emit/typescript/index.js';
import type { ApiPackage, Model, Property, Type, TypeDefinition } from '../../../../generator/model/types.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { loadFixture, repoRoot, runStages } from '../../../helpers.js';

export interface Emitted {
  model: Model;
  files: EmittedFile[];
  diagnostics: Diagnostics;
  counts: Record<string, number>;
  /** The text of the emitted file at `relative` (throws when there is none). */
  file(relative: string): string;
}

export function emitModel(model: Model): Emitted {
  const diagnostics = new Diagnostics('typescript');
  const counts: Record<string, number> = {};
  const files = typescriptEmitter.emit(model, { diagnostics, count: (key, by = 1) => void (counts[key] = (counts[key] ?? 0) + by) });
  return {
    model,
    files,
    diagnostics,
    counts,
    file(relative: string) {
      const found = files.find((f) => f.path === relative);
      if (!found) throw new Error(`no emitted file ${relative}; have ${files.map((f) => f.path).join(', ')}`);
      return found.content;
    },
  };
}

/** A fixture folder (relative to specs/fixtures) through every aso stage, emitted. */
export function emitFixture(relative: string): Emitted {
  const { model } = loadFixture(relative);
  return emitModel(runStages(model, [...asoStages]).model);
}

/** A fresh temporary folder under the OS temp dir. */
export function tempDir(prefix = 'armkube-ts-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Writes emitted files under `dir/sub`. */
export function writeFiles(dir: string, files: readonly EmittedFile[], sub = '.'): void {
  for (const f of files) {
    const full = path.join(dir, sub, f.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, f.content);
  }
}

/**
 * Type-checks every `.ts` file under `dir` with `tsc --strict` (no emit), `armkube/runtime`
 * mapped to the repository's runtime. Returns the error lines and the time tsc took.
 */
export function typeCheck(dir: string): { errors: string[]; ms: number; output: string } {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      paths: { 'armkube/runtime': [path.join(repoRoot, 'generator', 'runtime', 'index.ts')] },
    },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const started = performance.now();
  const run = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.error) throw run.error;
  const output = `${run.stdout}${run.stderr}`;
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  if (run.status !== 0 && errors.length === 0) throw new Error(`tsc failed without diagnostics (status ${run.status}): ${output}`);
  return { errors, ms, output };
}

/**
 * Transpiles every `.ts` file under `dir` to `.js` beside it (no type check: `typeCheck` does
 * that) and installs the runtime as `dir/node_modules/armkube`, so that the generated modules
 * can be imported.
 */
export function transpile(dir: string): void {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts')) writeFileSync(full.replace(/\.ts$/, '.js'), ts.transpileModule(readFileSync(full, 'utf8'), { compilerOptions: options }).outputText);
    }
  };
  walk(dir);
  const runtimeOut = path.join(dir, 'node_modules', 'armkube', 'runtime');
  mkdirSync(runtimeOut, { recursive: true });
  const runtimeDir = path.join(repoRoot, 'generator', 'runtime');
  for (const name of readdirSync(runtimeDir).filter((n) => n.endsWith('.ts'))) {
    writeFileSync(path.join(runtimeOut, name.replace(/\.ts$/, '.js')), ts.transpileModule(readFileSync(path.join(runtimeDir, name), 'utf8'), { compilerOptions: options }).outputText);
  }
  writeFileSync(path.join(dir, 'node_modules', 'armkube', 'package.json'), JSON.stringify({ name: 'armkube', type: 'module', exports: { './runtime': './runtime/index.js' } }));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
}

/** Imports a transpiled module (`relative`: its `.ts` path under `dir`). */
export async function importGenerated<T = Record<string, unknown>>(dir: string, relative: string): Promise<T> {
  return (await import(pathToFileURL(path.join(dir, relative.replace(/\.ts$/, '.js'))).href)) as T;
}

function prop(name: string, type: Type, extra: Partial<Property> = {}): Property {
  return { name, armName: name, type, required: false, readOnly: false, ...extra };
}

const STRING: Type = { kind: 'primitive', primitive: 'string' };

/**
 * A hand-built package: kind Widget (spec and status) whose spec uses types named like the kind
 * and like a global, an inline object, and objects with `additionalProperties` beside properties.
 */
export function handPackage(): ApiPackage {
  const types: Record<string, TypeDefinition> = {
    Widget_Spec: {
      name: 'Widget_Spec',
      side: 'spec',
      type: {
        kind: 'object',
        properties: [
          prop('owner', { kind: 'ownerRef' }, { role: 'owner', required: true }),
          prop('widget', { kind: 'ref', name: 'Widget' }, { armPath: ['properties', 'widget'] }),
          prop('error', { kind: 'ref', name: 'Error' }),
          prop('bag', { kind: 'ref', name: 'Bag' }),
          prop('settings', { kind: 'object', properties: [prop('level', { kind: 'primitive', primitive: 'integer' })] }),
        ],
      },
    },
    Widget: { name: 'Widget', side: 'spec', type: { kind: 'object', properties: [prop('size', STRING)], additionalProperties: { kind: 'any' } } },
    Error: { name: 'Error', side: 'spec', type: { kind: 'object', properties: [prop('message', STRING)] } },
    // Free-form beside no property at all.
    Bag: { name: 'Bag', side: 'spec', type: { kind: 'object', properties: [], additionalProperties: { kind: 'any' } } },
    Widget_STATUS: { name: 'Widget_STATUS', side: 'status', type: { kind: 'object', properties: [prop('id', STRING), prop('size', STRING, { armPath: ['properties', 'size'] })], additionalProperties: { kind: 'any' } } },
  };
  return {
    id: 'hand',
    namespace: 'Microsoft.Test',
    apiVersion: '2021-01-01',
    stability: 'stable',
    files: [],
    types,
    resources: [
      {
        armType: 'Microsoft.Test/widgets',
        apiVersion: '2021-01-01',
        scope: 'resourceGroup',
        urlTemplate: '/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Test/widgets/{name}',
        source: { file: 'test.json', pointer: '/paths/widgets/put' },
        kubernetes: { group: 'test.azure.com', version: 'v20210101', kind: 'Widget', plural: 'widgets', specType: 'Widget_Spec', statusType: 'Widget_STATUS' },
      },
    ],
  };
}

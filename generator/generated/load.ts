/**
 * Runs the code armkube generated: the TypeScript of an output folder (`<out>/ts`), transpiled to
 * JavaScript in a temporary folder (no type check: `tsc` does that in CI) and imported, with
 * `armkube/runtime` resolving to this very package. The CLI's `import`, `render` and `validate`
 * and the docs samples go through here, so they exercise the code users get.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import type { EmittedFile } from '../emit/emitter.js';
import type { CollectedReferences, ExtractedSecret, OwnerReference, ResolvedReferences } from '../runtime/index.js';
import { packageRoot } from '../cli/specs-dir.js';

/** One kind at one version, as the generated registry (`ts/index.ts`) lists it. */
export interface GeneratedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  armType: string;
  armApiVersion: string;
  collectReferences(spec: unknown): CollectedReferences;
  specToArm(spec: unknown, resolved: ResolvedReferences): unknown;
  armToSpec(body: unknown, owner?: OwnerReference): { spec: unknown; secrets: ExtractedSecret[] };
  armToStatus(body: unknown): unknown;
}

export interface GeneratedCode {
  resources: readonly GeneratedResource[];
  findResource(armType: string, armApiVersion: string): GeneratedResource | undefined;
  /** Removes the transpiled copy. */
  dispose(): void;
}

export class GeneratedCodeError extends Error {}

const COMPILER_OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };

/** Transpiles every `.ts` file under `sourceDir` into `targetDir`, keeping the layout. */
export function transpileTree(sourceDir: string, targetDir: string): number {
  let count = 0;
  const walk = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) walk(source, path.join(to, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), transpile(readFileSync(source, 'utf8'), source));
        count++;
      }
    }
  };
  walk(sourceDir, targetDir);
  return count;
}

/**
 * Loads the generated registry of `outDir` (the folder `armkube generate` wrote). Throws a
 * `GeneratedCodeError` naming what to do when there is no generated TypeScript there.
 */
export async function loadGeneratedCode(outDir: string): Promise<GeneratedCode> {
  const tsDir = path.join(path.resolve(outDir), 'ts');
  if (!existsSync(path.join(tsDir, 'index.ts'))) {
    throw new GeneratedCodeError(`no generated TypeScript in ${outDir} (${path.join(tsDir, 'index.ts')} is missing): run "armkube generate --out ${outDir}" first`);
  }
  return importTranspiled((work) => transpileTree(tsDir, path.join(work, 'ts')));
}

/** The same, from emitted files still in memory (`ts/...` paths), as `generate` has them before writing. */
export async function loadGeneratedFiles(files: readonly EmittedFile[]): Promise<GeneratedCode> {
  if (!files.some((f) => f.path === 'ts/index.ts')) throw new GeneratedCodeError('the emitted files have no ts/index.ts registry');
  return importTranspiled((work) => {
    for (const file of files) {
      if (!file.path.startsWith('ts/') || !file.path.endsWith('.ts')) continue;
      const full = path.join(work, file.path.replace(/\.ts$/, '.js'));
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, transpile(file.content, file.path));
    }
  });
}

function transpile(source: string, fileName: string): string {
  return ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName }).outputText;
}

async function importTranspiled(fill: (work: string) => void): Promise<GeneratedCode> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'armkube-generated-'));
  const dispose = () => rmSync(work, { recursive: true, force: true });
  try {
    fill(work);
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    mkdirSync(path.join(work, 'node_modules'));
    // `armkube/runtime` in the generated code is this package's runtime.
    symlinkSync(packageRoot(), path.join(work, 'node_modules', 'armkube'), 'dir');
    const registry = (await import(pathToFileURL(path.join(work, 'ts', 'index.js')).href)) as Omit<GeneratedCode, 'dispose'>;
    return { resources: registry.resources, findResource: registry.findResource, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/**
 * Runs the code armkube generated: the TypeScript of an output folder (`<out>/ts`), transpiled to
 * JavaScript in a temporary folder (no type check: `tsc` does that in CI) and imported, with
 * `armkube/runtime` resolving to this very package. The CLI's `import` and `render` and the docs
 * samples go through here, so they exercise the code users get.
 *
 * `loadGeneratedCode` runs the whole registry (every kind transpiled and imported);
 * `openGeneratedCode` reads the registry as text and loads one kind at a time (its module and the
 * files it imports), which is what a command on a large output folder needs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { ts } from 'ts-morph';
import type { EmittedFile } from '../emit/emitter.js';
import type { CollectedReferences, ExtractedSecret, OwnerReference, ResolvedReferences } from '../runtime/index.js';
import { packageRoot } from '../package-root.js';
import { makeTempDir, removeTempDir } from './temp-dirs.js';
import { CONVERSION_FUNCTIONS, parseRegistry, type KindIdentity, type RegistryEntry } from './registry-index.js';

/** One kind at one version, as the generated registry (`ts/index.ts`) lists it. */
export interface GeneratedResource extends KindIdentity {
  collectReferences(spec: unknown): CollectedReferences;
  specToArm(spec: unknown, resolved: ResolvedReferences): unknown;
  armToSpec(body: unknown, owner?: OwnerReference): { spec: unknown; secrets: ExtractedSecret[] };
  armToStatus(body: unknown): unknown;
}

/**
 * Generated code, loaded and ready to run: the kinds of the registry and a lookup by ARM type and
 * api-version. Call `dispose()` when done.
 */
export interface GeneratedCode {
  resources: readonly GeneratedResource[];
  findResource(armType: string, armApiVersion: string): GeneratedResource | undefined;
  /** Removes the transpiled copy. */
  dispose(): void;
}

/**
 * Thrown by `loadGeneratedCode` and `loadGeneratedFiles` when there is no generated registry to
 * load.
 */
export class GeneratedCodeError extends Error {}


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

/**
 * TypeScript → JavaScript without a type check. esbuild (a Go binary) does this about five times
 * faster than TypeScript's own transpiler, which matters for a whole-corpus output (40 MB of
 * TypeScript for the docs samples).
 */
function transpile(source: string, fileName: string): string {
  return transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: fileName }).code;
}

async function importTranspiled(fill: (work: string) => void): Promise<GeneratedCode> {
  const work = prepareWorkDir();
  const dispose = () => removeTempDir(work);
  try {
    fill(work);
    const registry = (await import(pathToFileURL(path.join(work, 'ts', 'index.js')).href)) as Omit<GeneratedCode, 'dispose'>;
    return { resources: registry.resources, findResource: registry.findResource, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** An output folder's registry, read without running it; kinds are loaded one at a time. */
export interface GeneratedCodeIndex {
  /** The output folder (as given). */
  outDir: string;
  /** Every kind and version the registry lists, in its order. */
  entries: readonly RegistryEntry[];
  /** The conversion functions of one kind: its module (and what that imports) transpiled and imported. */
  load(entry: RegistryEntry): Promise<GeneratedResource>;
  /** Removes the transpiled files. */
  dispose(): void;
}

/**
 * Reads the registry of `outDir` without running it. Throws a `GeneratedCodeError` naming what to
 * do when there is no generated TypeScript there, or when the registry cannot be read.
 */
export function openGeneratedCode(outDir: string): GeneratedCodeIndex {
  const tsDir = path.join(path.resolve(outDir), 'ts');
  const indexFile = path.join(tsDir, 'index.ts');
  if (!existsSync(indexFile)) {
    throw new GeneratedCodeError(`no generated TypeScript in ${outDir} (${indexFile} is missing): run "armkube generate --out ${outDir}" first`);
  }
  const { entries, problems } = parseRegistry(readFileSync(indexFile, 'utf8'), indexFile);
  if (problems.length) throw new GeneratedCodeError(`the registry ${indexFile} could not be read: ${problems.slice(0, 3).join('; ')}`);
  let work: string | undefined;
  const transpiled = new Set<string>();
  const loaded = new Map<string, Promise<Record<string, unknown>>>();
  const workDir = () => (work ??= prepareWorkDir());
  const importModule = (module: string) => {
    let promise = loaded.get(module);
    if (!promise) {
      transpileClosure(tsDir, path.join(workDir(), 'ts'), module, transpiled);
      promise = import(pathToFileURL(path.join(workDir(), 'ts', module.replace(/\.ts$/, '.js'))).href) as Promise<Record<string, unknown>>;
      loaded.set(module, promise);
    }
    return promise;
  };
  return {
    outDir,
    entries,
    async load(entry) {
      const exports = await importModule(entry.module);
      const functions = Object.fromEntries(
        CONVERSION_FUNCTIONS.map((f) => {
          const fn = exports[entry.functions[f]];
          if (typeof fn !== 'function') throw new GeneratedCodeError(`${path.join(tsDir, entry.module)} does not export the function ${entry.functions[f]} the registry names`);
          return [f, fn];
        }),
      ) as Pick<GeneratedResource, (typeof CONVERSION_FUNCTIONS)[number]>;
      const { group, version, kind, plural, armType, armApiVersion } = entry;
      return { group, version, kind, plural, armType, armApiVersion, ...functions };
    },
    dispose() {
      if (work) removeTempDir(work);
      work = undefined;
    },
  };
}

/** A temporary folder where `import 'armkube/runtime'` in the generated code resolves to this package's runtime. */
function prepareWorkDir(): string {
  const work = makeTempDir('armkube-generated-');
  try {
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    mkdirSync(path.join(work, 'node_modules'));
    symlinkSync(packageRoot(), path.join(work, 'node_modules', 'armkube'), 'dir');
  } catch (e) {
    removeTempDir(work);
    throw e;
  }
  return work;
}

/** Transpiles `module` (relative to `sourceDir`) and, transitively, every relative module it imports. */
function transpileClosure(sourceDir: string, targetDir: string, module: string, done: Set<string>): void {
  const pending = [module];
  while (pending.length) {
    const relative = pending.pop()!;
    if (done.has(relative)) continue;
    const source = path.join(sourceDir, relative);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new GeneratedCodeError(`${module} imports ${relative}, outside ${sourceDir}`);
    if (!existsSync(source)) throw new GeneratedCodeError(`${source} is missing (imported from ${module}): generate the output folder again`);
    const text = readFileSync(source, 'utf8');
    const target = path.join(targetDir, relative.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, transpile(text, source));
    done.add(relative);
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      pending.push(path.posix.normalize(path.posix.join(path.posix.dirname(relative), imported.fileName)).replace(/\.js$/, '.ts'));
    }
  }
}

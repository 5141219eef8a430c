/**
 * The TypeScript emitter: for every kind and version of the final model, `ts/<group>/<version>/<Kind>.ts`
 * (interfaces of the resource, its spec and status, their ARM request and response shapes, and
 * the conversion code between them), the shared `ts/<group>/<version>/types.ts` of the types
 * several kinds of a package use, and the registry `ts/index.ts`. Generated code imports nothing
 * but `armkube/runtime` and its sibling files. See README.md beside this file for the layout,
 * naming and what is not supported yet.
 *
 * One file per job: `plan.ts` decides names, placement and what each type needs; `types.ts`
 * writes the interfaces; `conversion.ts` (with `expressions.ts`, `paths.ts`) the conversion
 * functions; `files.ts` assembles files; `registry.ts` the index; `printer.ts` prints them, in
 * ts-morph's layout (`statement-text.ts` writes the structures the emitter makes, `body.ts` keeps
 * function bodies as lines).
 */
import type { EmitContext, EmittedFile, SyncEmitter } from '../emitter.js';
import type { Model } from '../../model/types.js';
import { kindFile, sharedFile, type FileStatements } from './files.js';
import { planPackages, type KindPlan } from './plan.js';
import { Printer } from './printer.js';
import { REGISTRY_PATH, registryStatements } from './registry.js';

/**
 * The TypeScript emitter: interfaces and ARM conversion code per kind and version, shared types per
 * package, and the registry `ts/index.ts` (see above).
 */
export const typescriptEmitter: SyncEmitter = {
  id: 'typescript',
  description: 'TypeScript interfaces (Kubernetes and ARM shapes), ARM conversion code per kind, and the registry ts/index.ts',
  emit(model: Model, context: EmitContext): EmittedFile[] {
    const printer = new Printer();
    const files: EmittedFile[] = [];
    let bytes = 0;
    for (const file of typescriptFiles(model, context)) {
      const content = printer.print(file.path, file.statements);
      files.push({ path: file.path, content });
      bytes += Buffer.byteLength(content);
    }
    context.count('typescript.files', files.length);
    context.count('typescript.bytes', bytes);
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
};

/**
 * The statements of every file the emitter writes: per package its kinds' files and its shared
 * file, then the registry. One file at a time, so that the structures of a file can go once it is
 * printed. Counts `typescript.kinds` and `typescript.types`.
 */
export function* typescriptFiles(model: Model, context: EmitContext): Generator<FileStatements> {
  const kinds: KindPlan[] = [];
  for (const plan of planPackages(model, context)) {
    for (const kind of plan.kinds) {
      yield kindFile(plan, kind);
      kinds.push(kind);
      context.count('typescript.kinds');
    }
    const sharedStatements = sharedFile(plan);
    if (sharedStatements) yield sharedStatements;
    context.count('typescript.types', plan.types.size);
  }
  yield { path: REGISTRY_PATH, statements: registryStatements(kinds) };
}

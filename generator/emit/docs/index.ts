/**
 * The docs emitter: a Markdown API reference, `docs/index.md` (every group and kind, linked) and
 * `docs/<group>.md` per Kubernetes group (per kind: ARM type, versions, scope and owner, the spec
 * and status fields, and a sample made from the specs' own x-ms-examples with the generated
 * `armToSpec`). Rendered with the handlebars templates of `templates/docs/`.
 *
 * Unlike the other emitters it needs more than the model: the specs folder (to read the example
 * files) and the generated code (`loadGeneratedFiles` of the TypeScript emitter's files), so
 * `docsEmitter` is async and needs the `typescript` emitter. Paths are relative to the output
 * folder (`docs/...`).
 */
import { Diagnostics } from '../../diagnostics.js';
import { loadGeneratedFiles, type GeneratedCode } from '../../output-reader/load.js';
import type { Model } from '../../model/types.js';
import type { EmittedFile, Emitter } from '../emitter.js';
import { typescriptEmitter } from '../typescript/index.js';
import { parametersAsSpec } from './envelope.js';
import { DEFAULT_FIELD_LIMITS, type FieldLimits } from './fields.js';
import { docsTemplates } from './templates.js';
import { groupViews } from './views.js';

/** What `emitDocs` and `emitDocsFromFiles` need besides the model: diagnostics, the specs root (for the examples), counters. */
export interface DocsContext {
  diagnostics: Diagnostics;
  /** The specs root the model was loaded from: example paths are relative to it. */
  specsDir: string;
  /** Counters: `docs.groups`, `docs.kinds`, `docs.samples`, `docs.withoutSample`. */
  count(key: string, by?: number): void;
  /** A folder of templates to use instead of the package's `templates/docs`. */
  templatesDir?: string;
  /** Bounds of the spec and status tables (nesting depth, rows); `DEFAULT_FIELD_LIMITS` by default. */
  fieldLimits?: { spec?: FieldLimits; status?: FieldLimits };
}

export const DOCS_FOLDER = 'docs';

export async function emitDocs(model: Model, code: GeneratedCode, context: DocsContext): Promise<EmittedFile[]> {
  const templates = docsTemplates(context.templatesDir);
  const limits = { spec: context.fieldLimits?.spec ?? DEFAULT_FIELD_LIMITS.spec, status: context.fieldLimits?.status ?? DEFAULT_FIELD_LIMITS.status };
  const groups = groupViews(model, { specsDir: context.specsDir, code, diagnostics: context.diagnostics }, limits);
  const kinds = groups.reduce((n, g) => n + g.kinds.length, 0);
  const samples = groups.reduce((n, g) => n + g.samples, 0);
  context.count('docs.kinds', kinds);
  context.count('docs.samples', samples);
  context.count('docs.withoutSample', kinds - samples);
  context.count('docs.groups', groups.length);
  const files: EmittedFile[] = [{ path: `${DOCS_FOLDER}/index.md`, content: templates.render('index', { groups, kinds, samples }) }];
  for (const group of groups) files.push({ path: `${DOCS_FOLDER}/${group.page}`, content: templates.render('group', group) });
  return files;
}

/**
 * The docs of a model from the TypeScript emitter's files still in memory: their generated code
 * is loaded (`loadGeneratedFiles`), the docs emitted, the code disposed. A failure is an
 * `emitter-failed` error diagnostic and no files, never an exception.
 */
export async function emitDocsFromFiles(model: Model, typescriptFiles: readonly EmittedFile[], context: DocsContext): Promise<EmittedFile[]> {
  try {
    const code = await loadGeneratedFiles(typescriptFiles);
    try {
      return await emitDocs(model, code, context);
    } finally {
      code.dispose();
    }
  } catch (e) {
    context.diagnostics.error('emitter-failed', `emitter docs failed: ${(e as Error).stack ?? String(e)}`);
    return [];
  }
}

/**
 * The docs as an emitter: it needs the `typescript` emitter's files (their conversion registry
 * makes the samples) and `context.specsDir`. Without the registry (`ts/index.ts`) it writes nothing.
 */
export const docsEmitter: Emitter = {
  id: 'docs',
  description: 'Markdown API reference: docs/index.md and a page per Kubernetes group, with samples from the specs\' examples',
  needs: ['typescript'],
  async emit(model, context) {
    // Kinds whose parameters sit in `forProvider` need TypeScript made from a view of the model (see envelope.ts).
    const view = parametersAsSpec(model);
    // Its diagnostics are those the typescript emitter reports over the model itself: not repeated.
    const typescriptFiles = view ? typescriptEmitter.emit(view, { diagnostics: new Diagnostics('typescript'), count: () => {} }) : (context.inputs?.get('typescript') ?? []);
    if (!typescriptFiles.some((f) => f.path === 'ts/index.ts')) return [];
    if (context.specsDir === undefined) throw new Error('the docs emitter needs context.specsDir (the examples are read there)');
    return emitDocsFromFiles(model, typescriptFiles, { diagnostics: context.diagnostics, specsDir: context.specsDir, count: context.count });
  },
};

export { fieldTable, typeLabel, DEFAULT_FIELD_LIMITS, type FieldLimits, type FieldRow, type FieldTable } from './fields.js';
export { kubernetesName, sampleOf, type Sample, type SampleResult } from './sample.js';
export type { GroupView, KindView, TableLimits, VersionView } from './views.js';

/**
 * `generate`: the whole generator as one library call, as `armkube generate`, `armkube docs` and
 * the fuzzer run it: load what the selection can reach, run the target's stages, run the emitters,
 * and return the files with every diagnostic. Nothing is written: `writeOutput` does that, and must
 * not be called when `report.crashed` (a stage or emitter threw: the files are incomplete).
 */
import { CRASH_CODES } from '../diagnostic-codes.js';
import type { Diagnostic } from '../diagnostics.js';
import type { EmitOptions, EmittedFile, Emitter } from '../emit/emitter.js';
import type { LoadResult } from '../loader/load.js';
import type { Model } from '../model/types.js';
import type { PipelineOptions } from '../pipeline/options.js';
import type { StageReport } from '../pipeline/runner.js';
import { targets, type Target } from '../targets/index.js';
import { loadSelected } from './load-selected.js';
import { runEmitters } from './run-emitters.js';

/** What `generate` takes. Only `specsDir` and `target` are required. */
export interface GenerateOptions {
  /** The specs root (`.../azure-rest-api-specs/specification`). */
  specsDir: string;
  /** A target, or the name of a built-in one (`aso`, `crossplane`). */
  target: Target | string;
  /** The pipeline options (the config file's `pipeline`): selection, version policy, overrides. */
  options?: Partial<PipelineOptions>;
  /** Only this provider namespace: packages of others are not even read. */
  group?: string;
  /** Only this api-version: packages of others are not even read. */
  version?: string;
  /** The emitters to run; default the target's. Add `docsEmitter` for the API reference. */
  emitters?: readonly Emitter[];
  /** The emitters' options (the config file's `conversionWebhook`). */
  emitOptions?: EmitOptions;
  /** Progress messages: `loading 12/1083 <package>`, `stage 3/15 <id>`, `emitting <id>`. */
  onProgress?: (message: string, step: GenerateStep) => void;
  /** Awaited between steps; what it throws ends the run (the CLI stops there on Ctrl-C). */
  checkpoint?: () => Promise<void>;
}

/** The steps of a run, as `onProgress` names them. */
export type GenerateStep = 'load' | 'stages' | 'emit';

/** What a run found besides the files and the diagnostics. */
export interface GenerateReport {
  /** The model after the stages. */
  model: Model;
  /** The loader's result (its model is the one before selection and stages). */
  loaded: LoadResult;
  /** Per stage: id, time, diagnostics. */
  stages: StageReport[];
  /** Counters of the emitters (`crd.notWritten`, `docs.kinds`, ...). */
  counts: Record<string, number>;
  /** Counters of the stages (`references.format`, `secrets`, `cycles`, ...). */
  stageCounts: Record<string, number>;
  /** Resources the selection kept (with a Kubernetes kind); no emitter runs when it is 0. */
  selected: number;
  /** A stage or emitter threw (a crash code, see `CRASH_CODES`): the files are incomplete, write none. */
  crashed: boolean;
  /** Emitters not run because an emitter they need is not among the emitters. */
  skipped: string[];
}

/** What `generate` returns: the files (paths relative to the output folder), the diagnostics of every step, the report. */
export interface GenerateResult {
  files: EmittedFile[];
  /** The loader's, then the stages', then the emitters'. */
  diagnostics: Diagnostic[];
  report: GenerateReport;
}

/** Loads, runs the stages and the emitters. Bad specs are diagnostics; it throws only on an unknown target name or a `checkpoint` that throws. */
export async function generate(input: GenerateOptions): Promise<GenerateResult> {
  const target = typeof input.target === 'string' ? builtinTarget(input.target) : input.target;
  const onProgress = input.onProgress ?? (() => {});
  const { loaded, result } = loadSelected({ ...input, stages: target.stages, options: input.options ?? {}, onProgress });
  await input.checkpoint?.();
  const counts: Record<string, number> = {};
  const count = (key: string, by = 1) => void (counts[key] = (counts[key] ?? 0) + by);
  const selected = selectedCount(result.model);
  const emitted = selected
    ? await runEmitters(result.model, input.emitters ?? target.emitters, {
        options: input.emitOptions,
        specsDir: input.specsDir,
        count,
        onEmitter: (e) => onProgress(`emitting ${e.id}`, 'emit'),
        checkpoint: input.checkpoint,
      })
    : { files: [], diagnostics: [], skipped: [] };
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics, ...emitted.diagnostics];
  return {
    files: emitted.files,
    diagnostics,
    report: {
      model: result.model,
      loaded,
      stages: result.stages,
      counts,
      stageCounts: result.counts,
      selected,
      crashed: diagnostics.some((d) => CRASH_CODES.has(d.code)),
      skipped: emitted.skipped,
    },
  };
}

/** The resources of a model that have a Kubernetes kind (those the selection kept). */
export function selectedCount(model: Model): number {
  return model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes).length, 0);
}

function builtinTarget(name: string): Target {
  const target = targets[name];
  if (!target) throw new Error(`unknown target "${name}"; known: ${Object.keys(targets).sort().join(', ')}`);
  return target;
}

/**
 * Running emitters over a final model: each after the emitters it `needs` (whose files it gets as
 * `context.inputs`), awaited one at a time. An emitter that throws is an `emitter-failed` error
 * (a crash: its output is incomplete) and the others still run; an emitter whose needs are not
 * among the emitters of the run is skipped.
 */
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import type { EmitOptions, EmittedFile, Emitter } from '../emit/emitter.js';
import type { Model } from '../model/types.js';

/** What `runEmitters` needs besides the model and the emitters. */
export interface EmitRun {
  options?: EmitOptions;
  specsDir?: string;
  count(key: string, by?: number): void;
  /** Before each emitter. */
  onEmitter?: (emitter: Emitter) => void;
  /** Awaited after each emitter (the CLI's interrupt check). */
  checkpoint?: () => Promise<void>;
}

/** The files of every emitter that ran (in run order), their diagnostics, and the ids skipped. */
export interface EmitResult {
  files: EmittedFile[];
  diagnostics: Diagnostic[];
  /** Emitters not run because an emitter they need is not in the list. */
  skipped: string[];
}

/** Runs the emitters over a final model (each after those it needs), one crash policy: a throw is `emitter-failed`. */
export async function runEmitters(model: Model, emitters: readonly Emitter[], run: EmitRun): Promise<EmitResult> {
  const { order, skipped } = emitterOrder(emitters);
  const byId = new Map<string, readonly EmittedFile[]>();
  const files: EmittedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const emitter of order) {
    run.onEmitter?.(emitter);
    const emitted = new Diagnostics(emitter.id);
    const inputs = new Map((emitter.needs ?? []).map((id) => [id, byId.get(id) ?? []] as const));
    let out: EmittedFile[] = [];
    try {
      out = await emitter.emit(model, { diagnostics: emitted, count: run.count, options: run.options ?? {}, specsDir: run.specsDir, inputs });
    } catch (e) {
      emitted.error('emitter-failed', `emitter ${emitter.id} failed: ${(e as Error).stack ?? String(e)}`);
    }
    byId.set(emitter.id, out);
    files.push(...out);
    diagnostics.push(...emitted.items);
    await run.checkpoint?.();
  }
  return { files, diagnostics, skipped: skipped.map((e) => e.id) };
}

/** The emitters in list order, each moved after those it needs; those whose needs are missing apart. */
function emitterOrder(emitters: readonly Emitter[]): { order: Emitter[]; skipped: Emitter[] } {
  const order: Emitter[] = [];
  const done = new Set<string>();
  let rest = [...emitters];
  for (let placed = true; placed && rest.length; ) {
    placed = false;
    const waiting: Emitter[] = [];
    for (const e of rest) {
      if ((e.needs ?? []).every((id) => done.has(id))) {
        order.push(e);
        done.add(e.id);
        placed = true;
      } else waiting.push(e);
    }
    rest = waiting;
  }
  return { order, skipped: rest };
}

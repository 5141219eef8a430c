/**
 * Runs a list of stages over a model: checks the order the stages declare, times each stage,
 * collects its diagnostics and counters. A stage that throws is a bug, not a bad spec: the runner reports it
 * as an error diagnostic and goes on with the model as it was before that stage.
 */
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import type { Model } from '../model/types.js';
import { pipelineOptions, type PipelineOptions } from './options.js';
import { OverrideTracker } from './overrides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * How one stage of a run went: its id and description, its time, and how many diagnostics it
 * reported.
 */
export interface StageReport {
  id: string;
  description: string;
  milliseconds: number;
  diagnostics: number;
}

/**
 * What `runPipeline` returns: the final model, every diagnostic (`source` is the stage id, or
 * `pipeline`), one report per stage, and the counters the stages reported.
 */
export interface PipelineResult {
  model: Model;
  diagnostics: Diagnostic[];
  stages: StageReport[];
  /** Counters reported by stages (`references.format`, `secrets`, `cycles` ...). */
  counts: Record<string, number>;
}

/**
 * Options of one `runPipeline` call: pipeline options (defaults for what is left out) and a
 * progress callback.
 */
export interface RunOptions {
  options?: Partial<PipelineOptions>;
  /** Called before each stage, for progress. */
  onStage?: (stage: Stage, index: number, total: number) => void;
}

/**
 * Checks a stage list against what its stages declare: ids are unique, every `requires` names an
 * earlier stage, every `runsAfter` that is in the list is earlier and every `runsBefore` that is
 * in the list is later. Returns the problems, one sentence each (none: the order is fine).
 */
export function validatePipeline(stages: readonly Stage[]): string[] {
  const problems: string[] = [];
  const position = new Map<string, number>();
  stages.forEach((stage, i) => {
    if (position.has(stage.id)) problems.push(`stage ${stage.id} appears twice`);
    else position.set(stage.id, i);
  });
  stages.forEach((stage, i) => {
    for (const id of stage.requires ?? []) {
      const at = position.get(id);
      if (at === undefined) problems.push(`stage ${stage.id} requires ${id} to run before it, and ${id} is not in the pipeline`);
      else if (at > i) problems.push(`stage ${stage.id} requires ${id} to run before it`);
    }
    for (const id of stage.runsAfter ?? []) {
      if ((position.get(id) ?? -1) > i) problems.push(`stage ${stage.id} must run after ${id}`);
    }
    for (const id of stage.runsBefore ?? []) {
      if ((position.get(id) ?? Infinity) < i) problems.push(`stage ${stage.id} must run before ${id}`);
    }
  });
  return problems;
}

/**
 * Runs `stages` in order over `model` and never mutates it. When `validatePipeline` finds a problem
 * nothing runs and the result holds one `pipeline-order` error per problem. A stage that throws
 * becomes a `stage-failed` error and the run goes on with the model as it was before that stage.
 * Property overrides that matched no property are `override-unused` warnings.
 */
export function runPipeline(model: Model, stages: readonly Stage[], run: RunOptions = {}): PipelineResult {
  const options = pipelineOptions(run.options);
  const all: Diagnostic[] = [];
  const problems = validatePipeline(stages);
  if (problems.length) {
    return {
      model,
      diagnostics: problems.map((message) => ({ code: 'pipeline-order', severity: 'error', message, source: 'pipeline' })),
      stages: [],
      counts: {},
    };
  }
  const overrides = new OverrideTracker(options.propertyOverrides);
  const counts: Record<string, number> = {};
  const reports: StageReport[] = [];
  let current = model;
  stages.forEach((stage, index) => {
    run.onStage?.(stage, index, stages.length);
    const diagnostics = new Diagnostics(stage.id);
    const context: StageContext = {
      diagnostics,
      options,
      overrides,
      count: (key, by = 1) => {
        counts[key] = (counts[key] ?? 0) + by;
      },
    };
    const started = performance.now();
    try {
      current = stage.run(current, context);
    } catch (e) {
      diagnostics.error('stage-failed', `stage ${stage.id} failed: ${(e as Error).stack ?? String(e)}`);
    }
    reports.push({ id: stage.id, description: stage.description, milliseconds: performance.now() - started, diagnostics: diagnostics.items.length });
    all.push(...diagnostics.items);
  });
  for (const o of overrides.unused()) {
    all.push({ code: 'override-unused', severity: 'warning', message: `property override ${JSON.stringify(o)} matched no property`, source: 'pipeline' });
  }
  return { model: current, diagnostics: all, stages: reports, counts };
}

/** A copy of `stages` with `stage` inserted right after the stage `afterId`. */
export function insertAfter(stages: readonly Stage[], afterId: string, stage: Stage): Stage[] {
  const i = stages.findIndex((s) => s.id === afterId);
  if (i < 0) throw new Error(`no stage ${afterId} in the pipeline`);
  return [...stages.slice(0, i + 1), stage, ...stages.slice(i + 1)];
}

/** A copy of `stages` with `stage` inserted right before the stage `beforeId`. */
export function insertBefore(stages: readonly Stage[], beforeId: string, stage: Stage): Stage[] {
  const i = stages.findIndex((s) => s.id === beforeId);
  if (i < 0) throw new Error(`no stage ${beforeId} in the pipeline`);
  return [...stages.slice(0, i), stage, ...stages.slice(i)];
}

/** A copy of `stages` with the stage `id` replaced (or removed when `stage` is undefined). */
export function replaceStage(stages: readonly Stage[], id: string, stage?: Stage): Stage[] {
  if (!stages.some((s) => s.id === id)) throw new Error(`no stage ${id} in the pipeline`);
  return stages.flatMap((s) => (s.id === id ? (stage ? [stage] : []) : [s]));
}

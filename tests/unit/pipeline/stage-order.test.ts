/**
 * The order each built-in target's stages declare (`requires`, `runsAfter`, `runsBefore`) is what
 * the runner enforces: every single move of a stage to another place in a target's list is refused
 * exactly when it puts two stages against a declared need, and each declared need has such a move.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline, validatePipeline } from '../../../generator/pipeline/runner.js';
import type { Stage } from '../../../generator/pipeline/stage.js';
import { targets } from '../../../generator/targets/index.js';
import { loadFixture } from '../../helpers.js';
import { runStageAlone } from './stage-helpers.js';

/** Every declared "a before b" of the stages of a list whose two ends are both in it. */
function declaredPairs(stages: readonly Stage[]): [string, string][] {
  const present = new Set(stages.map((s) => s.id));
  const pairs: [string, string][] = [];
  for (const s of stages) {
    for (const id of [...(s.requires ?? []), ...(s.runsAfter ?? [])]) if (present.has(id)) pairs.push([id, s.id]);
    for (const id of s.runsBefore ?? []) if (present.has(id)) pairs.push([s.id, id]);
  }
  return pairs;
}

/** `stages` with the stage at `from` taken out and put back at index `to` of the shorter list. */
function moved(stages: readonly Stage[], from: number, to: number): Stage[] {
  const out = [...stages];
  const [stage] = out.splice(from, 1);
  out.splice(to, 0, stage);
  return out;
}

function ids(stages: readonly Stage[]): string[] {
  return stages.map((s) => s.id);
}

const allStages = new Map(Object.values(targets).flatMap((t) => t.stages.map((s) => [s.id, s] as const)));

describe('declared stage order', () => {
  it('every id a stage declares names a built-in stage', () => {
    for (const s of allStages.values()) {
      for (const id of [...(s.requires ?? []), ...(s.runsAfter ?? []), ...(s.runsBefore ?? [])]) {
        expect(allStages.has(id), `${s.id} names ${id}`).toBe(true);
        expect(id).not.toBe(s.id);
      }
    }
  });

  for (const target of Object.values(targets)) {
    describe(`target ${target.name}`, () => {
      const pairs = declaredPairs(target.stages);

      it('is in an order its stages accept, and declares a need for every stage', () => {
        expect(validatePipeline(target.stages)).toEqual([]);
        const bound = new Set(pairs.flat());
        expect(target.stages.filter((s) => !bound.has(s.id)).map((s) => s.id)).toEqual([]);
      });

      it('refuses every move of one stage that breaks a declared need, and only those', () => {
        let refused = 0;
        for (let from = 0; from < target.stages.length; from++) {
          for (let to = 0; to < target.stages.length; to++) {
            if (to === from) continue;
            const order = ids(moved(target.stages, from, to));
            const breaks = pairs.filter(([a, b]) => order.indexOf(a) > order.indexOf(b));
            const problems = validatePipeline(moved(target.stages, from, to));
            expect(problems.length > 0, `${target.stages[from].id} moved to ${to}: ${order.join(' ')}`).toBe(breaks.length > 0);
            if (breaks.length) refused++;
          }
        }
        expect(refused).toBeGreaterThan(pairs.length);
      });

      it('for each declared pair, refuses the later stage just before the earlier one, and the earlier just after the later', () => {
        expect(pairs.length).toBeGreaterThan(20);
        for (const [a, b] of pairs) {
          const ia = target.stages.findIndex((s) => s.id === a);
          const ib = target.stages.findIndex((s) => s.id === b);
          expect(ia).toBeLessThan(ib);
          const laterFirst = validatePipeline(moved(target.stages, ib, ia));
          const earlierLast = validatePipeline(moved(target.stages, ia, ib));
          for (const problems of [laterFirst, earlierLast]) {
            expect(problems.some((p) => p.includes(a) && p.includes(b)), `${a} before ${b}: ${problems.join('; ')}`).toBe(true);
          }
        }
      });

      it('refuses the list without a stage another one requires', () => {
        for (const s of target.stages) {
          for (const id of s.requires ?? []) {
            const problems = validatePipeline(target.stages.filter((x) => x.id !== id));
            expect(problems).toContain(`stage ${s.id} requires ${id} to run before it, and ${id} is not in the pipeline`);
          }
        }
      });
    });
  }

  it('refuses spec-status moved to just after select (it would lose the variant statuses of a polymorphic resource)', () => {
    const stages = [...targets.aso.stages];
    const specStatus = stages.splice(stages.findIndex((s) => s.id === 'spec-status'), 1)[0];
    stages.splice(stages.findIndex((s) => s.id === 'select') + 1, 0, specStatus);
    const result = runPipeline(loadFixture('pipeline/spec-status').model, stages);
    expect(result.stages).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      'pipeline-order: stage spec-status must run after merge-allof',
      'pipeline-order: stage spec-status must run after discriminated-unions',
      'pipeline-order: stage merge-allof must run before spec-status',
      'pipeline-order: stage discriminated-unions must run before spec-status',
    ]);
    // Run anyway, stage by stage past the check: the polymorphic deploymentScripts loses its variant statuses.
    const through = (order: readonly Stage[]) => {
      let model = loadFixture('pipeline/spec-status').model;
      for (const s of order.slice(0, order.findIndex((x) => x.id === 'flatten-properties'))) model = runStageAlone(s, model).model;
      return model.packages.find((p) => p.types.DeploymentScript_STATUS)!.types;
    };
    expect(Object.keys(through(targets.aso.stages)).filter((n) => /^Azure.*Script_STATUS$/.test(n)).sort()).toEqual(['AzureCliScript_STATUS', 'AzurePowerShellScript_STATUS']);
    expect(Object.keys(through(stages)).filter((n) => /^Azure.*Script_STATUS$/.test(n))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Model } from '../../../generator/model/types.js';
import { insertAfter, insertBefore, replaceStage, runPipeline, validatePipeline } from '../../../generator/pipeline/runner.js';
import type { Stage } from '../../../generator/pipeline/stage.js';

const empty: Model = { packages: [] };

function recorder(id: string, log: string[], requires?: string[]): Stage {
  return {
    id,
    description: `records ${id}`,
    requires,
    run(model, context) {
      log.push(id);
      context.count(`ran.${id}`);
      context.diagnostics.info('x-ran', `${id} ran`);
      return model;
    },
  };
}

describe('runPipeline', () => {
  it('runs stages in order, times them, tags diagnostics with the stage id and sums counters', () => {
    const log: string[] = [];
    const result = runPipeline(empty, [recorder('a', log), recorder('b', log, ['a'])]);
    expect(log).toEqual(['a', 'b']);
    expect(result.stages.map((s) => s.id)).toEqual(['a', 'b']);
    expect(result.stages.every((s) => s.milliseconds >= 0 && s.diagnostics === 1)).toBe(true);
    expect(result.diagnostics.map((d) => d.source)).toEqual(['a', 'b']);
    expect(result.counts).toEqual({ 'ran.a': 1, 'ran.b': 1 });
  });

  it('refuses a pipeline whose requirements are not met, without running anything', () => {
    const log: string[] = [];
    const result = runPipeline(empty, [recorder('b', log, ['a']), recorder('a', log)]);
    expect(log).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'pipeline-order', severity: 'error' });
    expect(result.diagnostics[0].message).toContain('b requires a');
  });

  it('checks runsAfter and runsBefore only against stages that are in the list; requires wants the stage there', () => {
    const stage = (id: string, order: Partial<Stage> = {}): Stage => ({ id, description: id, run: (m) => m, ...order });
    const late = stage('late', { runsAfter: ['early'], runsBefore: ['last'] });
    expect(validatePipeline([late])).toEqual([]);
    expect(validatePipeline([stage('early'), late, stage('last')])).toEqual([]);
    expect(validatePipeline([late, stage('early')])).toEqual(['stage late must run after early']);
    expect(validatePipeline([stage('last'), late])).toEqual(['stage late must run before last']);
    expect(validatePipeline([stage('b', { requires: ['a'] })])).toEqual(['stage b requires a to run before it, and a is not in the pipeline']);
  });

  it('reports duplicate stage ids', () => {
    expect(validatePipeline([recorder('a', []), recorder('a', [])])).toEqual(['stage a appears twice']);
  });

  it('turns a crashing stage into a diagnostic and keeps the previous model', () => {
    const boom: Stage = { id: 'boom', description: 'throws', run: () => { throw new Error('kaput'); } };
    const model: Model = { packages: [] };
    const result = runPipeline(model, [boom]);
    expect(result.model).toBe(model);
    expect(result.diagnostics[0]).toMatchObject({ code: 'stage-failed', severity: 'error', source: 'boom' });
    expect(result.diagnostics[0].message).toContain('kaput');
  });

  it('reports property overrides that matched nothing', () => {
    const result = runPipeline(empty, [], { options: { propertyOverrides: [{ type: 'Nope', property: 'x', reference: true }] } });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['override-unused']);
  });
});

describe('editing a stage list', () => {
  const log: string[] = [];
  const base = [recorder('a', log), recorder('b', log), recorder('c', log)];
  it('inserts after and before a stage, and replaces or removes one', () => {
    expect(insertAfter(base, 'a', recorder('x', log)).map((s) => s.id)).toEqual(['a', 'x', 'b', 'c']);
    expect(insertBefore(base, 'a', recorder('x', log)).map((s) => s.id)).toEqual(['x', 'a', 'b', 'c']);
    expect(replaceStage(base, 'b', recorder('y', log)).map((s) => s.id)).toEqual(['a', 'y', 'c']);
    expect(replaceStage(base, 'b').map((s) => s.id)).toEqual(['a', 'c']);
    expect(base.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
  it('throws on an unknown anchor', () => {
    expect(() => insertAfter(base, 'zzz', recorder('x', log))).toThrow(/no stage zzz/);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emitter } from '../../../generator/emit/emitter.js';
import { generate } from '../../../generator/generate/index.js';
import { asoStages } from '../../../generator/targets/aso.js';
import { crdEmitter } from '../../../generator/emit/crd/index.js';
import { fixturesDir } from '../../helpers.js';

const specsDir = path.join(fixturesDir, 'pipeline', 'spec-status');
const group = 'Contoso.Vaults';
const target = (emitters: Emitter[]) => ({ name: 'test', description: 'aso stages, test emitters', stages: asoStages, emitters });

describe('generate (the library call)', () => {
  it('loads, runs the aso stages and emitters of a built-in target by name', async () => {
    const { files, diagnostics, report } = await generate({ specsDir, target: 'aso', group });
    expect(report.crashed).toBe(false);
    expect(report.selected).toBe(3);
    expect(report.model.packages.map((p) => p.namespace)).toEqual(['Contoso.Vaults']); // Microsoft.Resources not loaded
    expect(report.stages.map((s) => s.id)).toEqual(asoStages.map((s) => s.id));
    expect(files.filter((f) => f.path.startsWith('crds/')).map((f) => f.path).sort()).toEqual([
      'crds/contoso.vaults.azure.com_vaults.yaml',
      'crds/contoso.vaults.azure.com_vaultslocks.yaml',
      'crds/contoso.vaults.azure.com_vaultssecrets.yaml',
    ]);
    expect(files.some((f) => f.path === 'ts/index.ts')).toBe(true);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('runs an emitter after the one it needs, async, with that emitter files as inputs', async () => {
    const seen: string[] = [];
    const counter: Emitter = {
      id: 'counter',
      description: 'counts the CRDs it is given',
      needs: ['crd'],
      emit: async (_model, context) => {
        await new Promise((r) => setTimeout(r, 1));
        const crds = context.inputs?.get('crd') ?? [];
        seen.push(`counter saw ${crds.length}`);
        return [{ path: 'count.txt', content: String(crds.length) }];
      },
    };
    const { files, report } = await generate({ specsDir, group, target: target([counter, crdEmitter]), onProgress: (m, step) => step === 'emit' && seen.push(m) });
    expect(seen).toEqual(['emitting crd', 'emitting counter', 'counter saw 3']);
    expect(files.find((f) => f.path === 'count.txt')?.content).toBe('3');
    expect(report.skipped).toEqual([]);
  });

  it('skips an emitter whose need is missing, and reports it', async () => {
    const orphan: Emitter = { id: 'orphan', description: 'needs typescript', needs: ['typescript'], emit: () => [{ path: 'x', content: '' }] };
    const { files, report } = await generate({ specsDir, target: target([crdEmitter, orphan]) });
    expect(report.skipped).toEqual(['orphan']);
    expect(files.some((f) => f.path === 'x')).toBe(false);
  });

  it('a throwing emitter is an emitter-failed crash; the other emitters still run', async () => {
    const broken: Emitter = { id: 'broken', description: 'throws', emit: () => { throw new Error('boom'); } };
    const { files, diagnostics, report } = await generate({ specsDir, group, target: target([broken, crdEmitter]) });
    expect(report.crashed).toBe(true);
    const failed = diagnostics.filter((d) => d.code === 'emitter-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ severity: 'error', source: 'broken' });
    expect(failed[0].message).toContain('boom');
    expect(files.filter((f) => f.path.startsWith('crds/'))).toHaveLength(3);
  });

  it('group narrowing happens at load time; nothing selected runs no emitter', async () => {
    let ran = false;
    const spy: Emitter = { id: 'spy', description: 'records that it ran', emit: () => ((ran = true), []) };
    const { files, report } = await generate({ specsDir, target: target([spy]), group: 'Contoso.Elsewhere' });
    expect(report.loaded.model.packages).toEqual([]);
    expect(report.selected).toBe(0);
    expect(ran).toBe(false);
    expect(files).toEqual([]);
  });

  it('a checkpoint that throws ends the run', async () => {
    await expect(generate({ specsDir, target: 'aso', checkpoint: async () => { throw new Error('interrupted'); } })).rejects.toThrow('interrupted');
  });

  it('an unknown target name is an exception naming the known ones', async () => {
    await expect(generate({ specsDir, target: 'nope' })).rejects.toThrow('known: aso, crossplane');
  });
});

/**
 * The whole corpus through the aso pipeline: no stage crashes, every resource that has a PUT
 * body gets a kind with a spec, and the report adds up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model, Type } from '../../generator/model/types.js';
import { pipelineReport, type PipelineReport } from '../../generator/pipeline/report.js';
import { runPipeline, type PipelineResult } from '../../generator/pipeline/runner.js';
import { asoStages } from '../../generator/targets/aso.js';
import { loadSpecs } from '../../generator/loader/load.js';
import { azureSpecsDir, hasAzureSpecs } from '../helpers.js';

function elementKind(t: Type): string {
  return t.kind === 'array' ? elementKind(t.items) : t.kind === 'map' ? elementKind(t.values) : t.kind;
}

describe.skipIf(!hasAzureSpecs)('the aso pipeline over the whole corpus', () => {
  let input: Model;
  let result: PipelineResult;
  let report: PipelineReport;
  beforeAll(() => {
    input = loadSpecs({ specsDir: azureSpecsDir }).model;
    result = runPipeline(input, asoStages);
    report = pipelineReport(result.model, result);
  });

  it('runs every stage without a crash', () => {
    expect(result.diagnostics.filter((d) => d.code === 'stage-failed' || d.code === 'pipeline-order')).toEqual([]);
    expect(result.stages.map((s) => s.id)).toEqual(asoStages.map((s) => s.id));
  });

  it('gives every resource a kind, and one storage version per kind', () => {
    const resources = input.packages.reduce((n, p) => n + p.resources.length, 0);
    const duplicates = result.diagnostics.filter((d) => d.code === 'duplicate-kind-version').length;
    expect(report.kinds).toBe(resources - duplicates);
    const storage = new Map<string, number>();
    for (const pkg of result.model.packages) {
      for (const r of pkg.resources) {
        if (!r.kubernetes) continue;
        const key = `${r.kubernetes.group}/${r.kubernetes.kind}`;
        storage.set(key, (storage.get(key) ?? 0) + (r.kubernetes.storage ? 1 : 0));
      }
    }
    expect(storage.size).toBe(report.distinctKinds);
    expect([...storage.values()].every((n) => n === 1)).toBe(true);
  });

  it('gives a spec to every kind whose PUT has an object body', () => {
    for (const pkg of result.model.packages) {
      for (const r of pkg.resources) {
        if (!r.kubernetes) continue;
        if (r.kubernetes.specType) expect(pkg.types[r.kubernetes.specType]?.side, `${pkg.id} ${r.armType}`).toBe('spec');
        if (r.kubernetes.statusType) expect(pkg.types[r.kubernetes.statusType]?.side).toBe('status');
      }
    }
    // A kind's own types are named after it, whatever nested copies exist in its package.
    const misnamed = result.model.packages.flatMap((p) =>
      p.resources
        .filter((r) => r.kubernetes && ((r.kubernetes.specType && r.kubernetes.specType !== `${r.kubernetes.kind}_Spec`) || (r.kubernetes.statusType && r.kubernetes.statusType !== `${r.kubernetes.kind}_STATUS`)))
        .map((r) => `${p.id} ${r.kubernetes!.kind}: ${r.kubernetes!.specType} ${r.kubernetes!.statusType}`),
    );
    expect(misnamed).toEqual([]);
    const withSpec = result.model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes?.specType).length, 0);
    const noSpec = result.diagnostics.filter((d) => d.code === 'no-spec').length;
    expect(withSpec + noSpec).toBe(report.kinds);
  });

  it('counts references by detection method, secrets, unions, cycles and free-form properties', () => {
    // No spec of July 2021 says `format: arm-id`; typespec-pipeline.test.ts covers that method.
    for (const method of ['name', 'name+description', 'description', 'subresource', 'subresource-id', 'embedded-resource']) {
      expect(report.references[method], method).toBeGreaterThan(0);
    }
    expect(report.secrets).toBeGreaterThan(0);
    expect(report.unions).toBeGreaterThan(0);
    expect(report.cycles).toBeGreaterThan(0);
    expect(report.freeForm).toBeGreaterThan(0);
    // Every counted reference is in the model, on the spec side only.
    let specRefs = 0;
    for (const pkg of result.model.packages) {
      for (const def of Object.values(pkg.types)) {
        if (def.type.kind !== 'object') continue;
        for (const p of def.type.properties) {
          if (elementKind(p.type) !== 'resourceRef') continue;
          expect(def.side, `${pkg.id} ${def.name}.${p.name}`).toBe('spec');
          specRefs++;
        }
      }
    }
    expect(specRefs).toBeGreaterThan(1000);
  });

  it('never turns tenantId, principalId, subscriptionId, clientId or objectId into a reference', () => {
    const guids = new Set(['tenantId', 'principalId', 'subscriptionId', 'clientId', 'objectId']);
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const pkg of result.model.packages) {
      for (const def of Object.values(pkg.types)) {
        if (def.side !== 'spec' || def.type.kind !== 'object') continue;
        for (const p of def.type.properties) {
          if (!guids.has(p.armName)) continue;
          seen.add(p.armName);
          if (elementKind(p.type) === 'resourceRef') wrong.push(`${pkg.id} ${def.name}.${p.armName}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect([...seen].sort()).toEqual([...guids].sort());
  });

  it('leaves the loaded model untouched', () => {
    for (const pkg of input.packages) {
      for (const r of pkg.resources) expect(r.kubernetes).toBeUndefined();
      for (const def of Object.values(pkg.types)) expect(def.side).toBeUndefined();
    }
  });
});

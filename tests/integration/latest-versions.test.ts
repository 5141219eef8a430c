/**
 * Load-time pruning (`latestOnly`) is only an optimisation: over the whole corpus, loading with it
 * and then selecting gives exactly the resources (ARM type, api-version, kind) that loading
 * everything and selecting gives, for both "latest" policies — and converts far fewer packages.
 */
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../generator/loader/load.js';
import type { Model } from '../../generator/model/types.js';
import { resourceNamesStage } from '../../generator/pipeline/resource-names.js';
import { selectStage } from '../../generator/pipeline/select.js';
import { azureSpecsDir, hasAzureSpecs, runStages } from '../helpers.js';

const selected = (model: Model) =>
  model.packages
    .flatMap((p) => p.resources.map((r) => `${r.armType} ${r.apiVersion} ${r.kubernetes?.group}/${r.kubernetes?.kind} ${r.putType ? 'body' : 'no-body'}`))
    .sort();

describe.skipIf(!hasAzureSpecs)('load-time pruning for the latest version policies', () => {
  const full = hasAzureSpecs ? loadSpecs({ specsDir: azureSpecsDir }) : undefined;
  for (const policy of ['latest-stable', 'latest'] as const) {
    it(`${policy}: the same selection as loading everything`, () => {
      const pruned = loadSpecs({ specsDir: azureSpecsDir, latestOnly: policy });
      const stages = [resourceNamesStage, selectStage];
      const a = selected(runStages(pruned.model, stages, { options: { versions: policy } }).model);
      const b = selected(runStages(full!.model, stages, { options: { versions: policy } }).model);
      expect(a.length).toBeGreaterThan(1200);
      expect(a).toEqual(b);
      expect(pruned.stats.skippedOlder).toBeGreaterThan(full!.stats.packages / 3);
      expect(pruned.stats.filesRead).toBe(full!.stats.filesRead);
    }, 120_000);
  }
});

/** Shared test helpers: paths to fixtures and to the real specs, and small model utilities. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpecs } from '../generator/loader/load.js';
import type { ApiPackage, Model } from '../generator/model/types.js';
import { runPipeline, type RunOptions } from '../generator/pipeline/runner.js';
import type { Stage } from '../generator/pipeline/stage.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fixturesDir = path.join(repoRoot, 'specs', 'fixtures');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const azureSpecsDir = path.join(sharedDir, 'azure-rest-api-specs', 'specification');
export const typespecSamplesDir = path.join(sharedDir, 'typespec-arm-samples');
export const hasAzureSpecs = existsSync(azureSpecsDir);

/** Loads a fixture folder (relative to `specs/fixtures`). */
export function loadFixture(relative: string) {
  return loadSpecs({ specsDir: path.join(fixturesDir, relative) });
}

/** Loads one namespace at one api-version of the real specs. */
export function loadAzure(namespace: string, apiVersion: string) {
  return loadSpecs({
    specsDir: azureSpecsDir,
    filter: (p) => p.namespace?.toLowerCase() === namespace.toLowerCase() && p.apiVersion === apiVersion,
  });
}

/** Runs stages over a model and fails the test on a stage crash. */
export function runStages(model: Model, stages: Stage[], options?: RunOptions) {
  const result = runPipeline(model, stages, options);
  const crash = result.diagnostics.find((d) => d.code === 'stage-failed' || d.code === 'pipeline-order');
  if (crash) throw new Error(crash.message);
  return result;
}

export function onlyPackage(model: Model): ApiPackage {
  if (model.packages.length !== 1) throw new Error(`expected one package, got ${model.packages.length}`);
  return model.packages[0];
}

/** The `aso` stages from the first up to and including `lastId`. */
export async function asoStagesThrough(lastId: string): Promise<Stage[]> {
  const { asoStages } = await import('../generator/targets/aso.js');
  const i = asoStages.findIndex((s) => s.id === lastId);
  if (i < 0) throw new Error(`no aso stage ${lastId}`);
  return asoStages.slice(0, i + 1);
}

/** Loads a fixture folder and runs the `aso` stages through `lastId`, failing on a stage crash. */
export async function fixtureThrough(relative: string, lastId: string, options?: RunOptions) {
  const loaded = loadFixture(relative);
  return { loaded, ...runStages(loaded.model, await asoStagesThrough(lastId), options) };
}

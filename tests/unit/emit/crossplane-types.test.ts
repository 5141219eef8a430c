/**
 * The `crossplane-types` emitter: interfaces only (no ARM shapes, no conversion, no runtime
 * import), type-checked with `tsc --strict`, and a plain-data registry.
 *
 * Input: fixture `pipeline/crossplane-managed` (widgets referring to gadgets) through every stage
 * of the `crossplane` target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../generator/diagnostics.js';
import { crossplaneTypesEmitter } from '../../../generator/emit/crossplane-types/index.js';
import type { EmittedFile } from '../../../generator/emit/emitter.js';
import { crossplaneStages } from '../../../generator/targets/crossplane.js';
import { loadFixture, runStages } from '../../helpers.js';
import { importGenerated, removeDir, tempDir, transpile, typeCheck, writeFiles } from './typescript/support.js';

const FOLDER = 'ts/test.azure.com/v20210101';

interface Registry {
  managedResources: { kind: string; scope: string; armType: string; armApiVersion: string }[];
  findManagedResource(armType: string, armApiVersion: string): { kind: string } | undefined;
}

describe('crossplane-types emitter on the fixture', () => {
  let files: EmittedFile[];
  let diagnostics: Diagnostics;
  let dir: string;
  const text = (path: string) => files.find((f) => f.path === path)?.content ?? '';

  beforeAll(() => {
    const { model } = runStages(loadFixture('pipeline/crossplane-managed').model, [...crossplaneStages]);
    diagnostics = new Diagnostics('crossplane-types');
    files = crossplaneTypesEmitter.emit(model, { diagnostics, count: () => {} });
    dir = tempDir('armkube-crossplane-types-');
    writeFiles(dir, files);
  });

  afterAll(() => removeDir(dir));

  it('writes a file per kind, the shared types and the registry, and nothing else', () => {
    expect(files.map((f) => f.path)).toEqual(['ts/index.ts', `${FOLDER}/Gadget.ts`, `${FOLDER}/Widget.ts`, `${FOLDER}/types.ts`]);
    expect(diagnostics.items).toEqual([]);
  });

  it('declares the managed resource shape, parameters and observation, without ARM shapes, conversion or runtime', () => {
    const widget = text(`${FOLDER}/Widget.ts`);
    expect(widget).toContain('export interface Widget {');
    expect(widget).toContain('  spec: Widget_Spec;');
    expect(widget).toContain('  forProvider: Widget_Parameters;');
    expect(widget).toContain("  managementPolicies?: ('Observe' | 'Create' | 'Update' | 'Delete' | 'LateInitialize' | '*')[];");
    expect(widget).toContain("  deletionPolicy?: 'Orphan' | 'Delete';");
    expect(widget).toContain('  gadgetIdRef?: CrossplaneReference;');
    expect(widget).toContain('  atProvider?: Widget_Observation;');
    for (const absent of ['_ARM', 'specToArm', 'armToStatus', 'armkube/runtime']) for (const f of files) expect(f.content).not.toContain(absent);
    expect(widget).toMatch(/^import type \{ CrossplaneCondition, CrossplaneReference, CrossplaneSecretReference, CrossplaneSelector \} from '\.\/types\.js';$/m);
    expect(text(`${FOLDER}/types.ts`)).toContain('export interface CrossplaneSecretReference {');
  });

  it('compiles with tsc --strict', () => {
    const { errors } = typeCheck(dir);
    expect(errors).toEqual([]);
  });

  it('lists every kind in the registry, cluster-scoped, found by ARM type case-insensitively', async () => {
    transpile(dir);
    const registry = await importGenerated<Registry>(dir, 'ts/index.ts');
    expect(registry.managedResources.map((r) => [r.kind, r.scope, r.armType, r.armApiVersion])).toEqual([
      ['Widget', 'Cluster', 'Microsoft.Test/widgets', '2021-01-01'],
      ['Gadget', 'Cluster', 'Microsoft.Test/gadgets', '2021-01-01'],
    ]);
    expect(registry.findManagedResource('microsoft.test/GADGETS', '2021-01-01')?.kind).toBe('Gadget');
    expect(registry.findManagedResource('Microsoft.Test/gadgets', '2020-01-01')).toBeUndefined();
  });
});

/**
 * A library user's view: only the public entry point is imported. A custom stage inserted
 * between two built-in ones sees the model as the first left it, and the second acts on its work.
 */
import { describe, expect, it } from 'vitest';
import { asoStages, insertAfter, loadSpecs, runPipeline, type Stage } from '../../generator/index.js';
import { azureSpecsDir, hasAzureSpecs } from '../helpers.js';

const addLabel: Stage = {
  id: 'add-custom-label',
  description: 'adds a Custom_Label property to every spec',
  requires: ['owner-scope'],
  run(model, context) {
    return {
      ...model,
      packages: model.packages.map((pkg) => {
        const types = { ...pkg.types };
        for (const r of pkg.resources) {
          const name = r.kubernetes?.specType;
          const def = name ? types[name] : undefined;
          if (!def || def.type.kind !== 'object') continue;
          // owner-scope ran before us: the owner property is there to see.
          if (def.type.properties.some((p) => p.role === 'owner')) context.count('custom.sawOwner');
          types[def.name] = {
            ...def,
            type: { ...def.type, properties: [...def.type.properties, { name: 'Custom_Label', armName: 'customLabel', type: { kind: 'primitive', primitive: 'string' }, required: false, readOnly: false }] },
          };
          context.count('custom.added');
        }
        return { ...pkg, types };
      }),
    };
  },
};

describe.skipIf(!hasAzureSpecs)('a custom stage through the public API', () => {
  it('runs between owner-scope and property-names, and property-names renames what it added', () => {
    const { model } = loadSpecs({
      specsDir: azureSpecsDir,
      filter: (p) => p.namespace === 'Microsoft.Storage' && p.apiVersion === '2021-04-01',
    });
    const stages = insertAfter(asoStages, 'owner-scope', addLabel);
    expect(stages.map((s) => s.id).indexOf('add-custom-label')).toBe(stages.map((s) => s.id).indexOf('owner-scope') + 1);
    const result = runPipeline(model, stages);
    expect(result.diagnostics.filter((d) => d.code === 'stage-failed' || d.code === 'pipeline-order')).toEqual([]);
    expect(result.counts['custom.added']).toBeGreaterThan(5);
    expect(result.counts['custom.sawOwner']).toBeGreaterThan(5);
    const pkg = result.model.packages[0];
    const account = pkg.resources.find((r) => r.armType === 'Microsoft.Storage/storageAccounts')!;
    const spec = pkg.types[account.kubernetes!.specType!].type;
    expect(spec.kind).toBe('object');
    const label = spec.kind === 'object' ? spec.properties.find((p) => p.armName === 'customLabel') : undefined;
    expect(label?.name).toBe('customLabel');
    // The input model is untouched: the stage copied what it changed.
    const original = model.packages[0].types[account.kubernetes!.specType!];
    expect(original).toBeUndefined();
  });

  it('is refused before the stage it requires', () => {
    const stages = [addLabel, ...asoStages];
    const result = runPipeline({ packages: [] }, stages);
    expect(result.diagnostics[0]).toMatchObject({ code: 'pipeline-order' });
  });
});

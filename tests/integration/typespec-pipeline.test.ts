/** TypeSpec output through the aso pipeline: `format: arm-id` is the first evidence of a reference. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../generator/loader/load.js';
import { asoStages } from '../../generator/targets/aso.js';
import { runStages, typespecSamplesDir } from '../helpers.js';

describe.skipIf(!existsSync(typespecSamplesDir))('the aso pipeline on the TypeSpec samples', () => {
  it('turns format: arm-id properties of specs into references detected by format, and counts them', () => {
    const { model } = loadSpecs({ specsDir: typespecSamplesDir });
    const result = runStages(model, [...asoStages]);
    const found: string[] = [];
    for (const pkg of result.model.packages) {
      for (const def of Object.values(pkg.types)) {
        if (def.type.kind !== 'object') continue;
        for (const p of def.type.properties) {
          const element = p.type.kind === 'array' ? p.type.items : p.type;
          if (element.kind === 'resourceRef' && element.detectedBy === 'format') found.push(`${def.side} ${p.armName} → ${p.name}`);
        }
      }
    }
    expect(found).toContain('spec userAssignedIdentityResourceId → userAssignedIdentityResourceReference');
    expect(found.every((f) => f.startsWith('spec '))).toBe(true);
    expect(result.counts['references.format']).toBe(found.length);
  });
});

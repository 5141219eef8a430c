/** The crossplane docs' samples: the converted ARM parameters under spec.forProvider (they were `spec: {}`). */
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { docsEmitter } from '../../../../generator/emit/docs/index.js';
import { parametersAsSpec } from '../../../../generator/emit/docs/envelope.js';
import { typescriptEmitter } from '../../../../generator/emit/typescript/index.js';
import { generate } from '../../../../generator/generate/index.js';
import { fixturesDir } from '../../../helpers.js';

const specsDir = path.join(fixturesDir, 'emit', 'docs');

/** The YAML samples of a docs page, parsed. */
function samples(markdown: string): Record<string, any>[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => load(m[1]) as Record<string, any>).filter((o) => o?.kind !== undefined);
}

describe('crossplane docs samples', () => {
  it('put the converted parameters under spec.forProvider', async () => {
    const { files, report } = await generate({ specsDir, target: 'crossplane', emitters: [typescriptEmitter, docsEmitter] });
    expect(report.crashed).toBe(false);
    const page = files.find((f) => f.path === 'docs/gadgets.azure.com.md')!.content;
    const found = samples(page);
    expect(found.map((s) => s.kind)).toEqual(['Gadget', 'GadgetsPart']);
    for (const s of found) {
      expect(Object.keys(s.spec)).toEqual(['forProvider']);
      expect(Object.keys(s.spec.forProvider).length).toBeGreaterThan(0);
    }
    expect(found[0].spec.forProvider).toMatchObject({ color: 'Blue', size: 3, location: 'westeurope', settings: { mode: 'fast' } });
    expect(found[1].spec.forProvider).toEqual({ weight: 12.5 });
  });

  it('leave the aso model as it is (its spec holds the parameters)', async () => {
    const { report } = await generate({ specsDir, target: 'aso', emitters: [] });
    expect(parametersAsSpec(report.model)).toBeUndefined();
  });
});

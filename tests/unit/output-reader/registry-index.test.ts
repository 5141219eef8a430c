/** Reading the registry's text: entries, their module, and what is wrong with an entry that cannot be read. */
import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../../generator/output-reader/registry-index.js';

const entry = (fields: string) => `descriptor({ ${fields} })`;
const FULL = "group: 'g.example.com', version: 'v20200101', kind: 'Widget', plural: 'widgets', armType: 'Microsoft.Test/widgets', armApiVersion: '2020-01-01', collectReferences: w.collectReferences, specToArm: w.specToArm, armToSpec: w.armToSpec, armToStatus: w.armToStatus";

describe('parseRegistry', () => {
  it('reads each descriptor with the module its functions come from', () => {
    const source = `import * as w from './g.example.com/v20200101/Widget.js';\nexport const resources: readonly X[] = [\n  ${entry(FULL)},\n];\n`;
    expect(parseRegistry(source)).toEqual({
      entries: [
        {
          group: 'g.example.com',
          version: 'v20200101',
          kind: 'Widget',
          plural: 'widgets',
          armType: 'Microsoft.Test/widgets',
          armApiVersion: '2020-01-01',
          module: 'g.example.com/v20200101/Widget.ts',
          functions: { collectReferences: 'collectReferences', specToArm: 'specToArm', armToSpec: 'armToSpec', armToStatus: 'armToStatus' },
        },
      ],
      problems: [],
    });
  });

  it('names what an entry lacks, and an alias that is not imported', () => {
    const source = `import * as w from './w.js';\nexport const resources = [${entry(FULL.replace("plural: 'widgets', ", ''))}, ${entry(FULL.replace('armToStatus: w.', 'armToStatus: z.'))}];`;
    const { entries, problems } = parseRegistry(source, 'index.ts');
    expect(entries).toEqual([]);
    expect(problems).toEqual(['index.ts: resources[0]: missing plural', 'index.ts: resources[1]: armToStatus comes from z, which is not an imported module']);
  });
});

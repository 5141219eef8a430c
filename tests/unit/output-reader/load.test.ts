/** Reading the generated registry as text (`openGeneratedCode`) against running it (`loadGeneratedCode`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GeneratedCodeError, loadGeneratedCode, openGeneratedCode } from '../../../generator/output-reader/load.js';
import { emitFixture, removeDir, tempDir, writeFiles } from '../emit/typescript/support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function emittedDir(fixture: string) {
  const emitted = emitFixture(fixture);
  const dir = tempDir('armkube-load-');
  dirs.push(dir);
  writeFiles(dir, emitted.files);
  return { dir, emitted };
}

const identity = (r: { group: string; version: string; kind: string; plural: string; armType: string; armApiVersion: string }) =>
  `${r.group}/${r.version} ${r.kind} ${r.plural} ${r.armType}@${r.armApiVersion}`;

describe('openGeneratedCode', () => {
  it('lists the same kinds as running the registry, and loads one kind whose functions behave the same', async () => {
    const { dir, emitted } = emittedDir('pipeline/arm-references');
    const index = openGeneratedCode(dir);
    const eager = await loadGeneratedCode(dir);
    try {
      const kinds = emitted.model.packages.flatMap((p) => p.resources.filter((r) => r.kubernetes?.specType));
      expect(index.entries.length).toBe(kinds.length);
      expect(index.entries.map(identity)).toEqual(eager.resources.map(identity));
      for (const entry of index.entries) {
        const lazy = await index.load(entry);
        const ran = eager.findResource(entry.armType, entry.armApiVersion)!;
        expect(identity(lazy)).toBe(identity(ran));
        const [namespace, ...types] = entry.armType.split('/');
        const body = { id: `/subscriptions/s/resourceGroups/rg/providers/${namespace}/${types.map((t) => `${t}/x`).join('/')}`, name: 'x' };
        expect(lazy.armToSpec(body)).toEqual(ran.armToSpec(body));
      }
    } finally {
      index.dispose();
      eager.dispose();
    }
  });

  it('fails with a hint to generate when there is no registry', () => {
    const dir = tempDir('armkube-load-empty-');
    dirs.push(dir);
    expect(() => openGeneratedCode(dir)).toThrow(GeneratedCodeError);
    expect(() => openGeneratedCode(dir)).toThrow(`run "armkube generate --out ${dir}" first`);
  });

  it('fails naming the missing file when a module the registry names is gone', async () => {
    const { dir } = emittedDir('pipeline/arm-references');
    const index = openGeneratedCode(dir);
    const entry = index.entries[0];
    writeFileSync(path.join(dir, 'ts', entry.module), ''); // an empty module: it exports nothing
    await expect(index.load(entry)).rejects.toThrow(`${entry.module} does not export the function ${entry.functions.collectReferences} the registry names`);
    index.dispose();
    const other = tempDir('armkube-load-broken-');
    dirs.push(other);
    mkdirSync(path.join(other, 'ts'));
    writeFileSync(path.join(other, 'ts', 'index.ts'), "import * as a from './g/v1/A.js';\nexport const resources = [descriptor({ group: 'g', version: 'v1', kind: 'A', plural: 'as', armType: 'P.X/as', armApiVersion: '2020-01-01', collectReferences: a.collectReferences, specToArm: a.specToArm, armToSpec: a.armToSpec, armToStatus: a.armToStatus })];\n");
    const broken = openGeneratedCode(other);
    await expect(broken.load(broken.entries[0])).rejects.toThrow(/g\/v1\/A\.ts is missing/);
    broken.dispose();
  });
});

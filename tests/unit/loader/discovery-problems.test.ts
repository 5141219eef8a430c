/**
 * Discovery never skips silently: a folder of the specs tree that cannot be read is a diagnostic
 * (the folder and why), and one resource type at one api-version in two folders is a warning
 * naming both files, the first folder in path order being the one used, whatever the policy.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPackages } from '../../../generator/loader/discover.js';
import { loadSpecs } from '../../../generator/loader/load.js';
import { resourceNamesStage } from '../../../generator/pipeline/resource-names.js';
import { runPipeline } from '../../../generator/pipeline/runner.js';
import { fixturesDir } from '../../helpers.js';

const fixture = path.join(fixturesDir, 'loader', 'discovery');
const widgets = 'specification/widgets/resource-manager/Contoso.Widgets/stable/2021-01-01/widgets.json';

function copyOfFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-discovery-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe('an unreadable folder in the specs tree', () => {
  it('is returned by discovery with the reason, and the rest is still found', () => {
    const denied = path.join(fixture, 'specification', 'gadgets');
    const read = (dir: string): Dirent[] => {
      if (dir === denied) throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES' });
      return readdirSync(dir, { withFileTypes: true });
    };
    const { packages, unreadable } = discoverPackages(fixture, read);
    expect(unreadable).toEqual([{ dir: denied, reason: 'EACCES: permission denied' }]);
    expect(packages.map((p) => p.namespace)).toEqual(['Contoso.Widgets', 'Contoso.Widgets']);
  });

  it('is an error diagnostic of loadSpecs naming the folder (a broken link, a link loop)', () => {
    const dir = copyOfFixture();
    symlinkSync(path.join(dir, 'no-such-folder'), path.join(dir, 'specification', 'broken'));
    mkdirSync(path.join(dir, 'specification', 'loop'));
    symlinkSync('..', path.join(dir, 'specification', 'loop', 'up'));
    const { diagnostics, model } = loadSpecs({ specsDir: dir });
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.message])).toEqual([
      ['folder-unreadable', 'error', 'specification/broken', 'cannot read folder: ENOENT: no such file or directory; the specs in it are not loaded'],
    ]);
    // The loop is not followed: every package once, as without it.
    expect(model.packages).toHaveLength(3);
  });
});

describe('one resource type and api-version in two folders', () => {
  /** The fixture with a copy of the widgets package under a second service folder, with a description of its own. */
  function withDuplicate(folder: string): string {
    const dir = copyOfFixture();
    const doc = JSON.parse(readFileSync(path.join(dir, widgets), 'utf8'));
    doc.definitions.Widget.description = 'the copy';
    const copy = path.join(dir, 'specification', folder, 'resource-manager', 'Contoso.Widgets', 'stable', '2021-01-01', 'widgets.json');
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, JSON.stringify(doc));
    return dir;
  }

  it('is a warning naming both files, the first folder in path order used', () => {
    for (const [folder, first, second] of [
      ['widgets2', 'widgets', 'widgets2'],
      ['aaa-widgets', 'aaa-widgets', 'widgets'],
    ]) {
      const dir = withDuplicate(folder);
      const { diagnostics, model } = loadSpecs({ specsDir: dir });
      const file = (service: string) => `specification/${service}/resource-manager/Contoso.Widgets/stable/2021-01-01/widgets.json`;
      expect(diagnostics).toEqual([
        {
          code: 'duplicate-resource-type',
          severity: 'warning',
          source: 'loader',
          message: `Contoso.Widgets/widgets 2021-01-01 is defined in two folders: ${file(first)} (used: first in path order) and ${file(second)} (ignored)`,
          location: { file: file(second), pointer: expect.stringMatching(/^\/paths\/.*~1widgets~1\{widgetName\}\/put$/) },
        },
      ]);
      // The one the warning calls used is the one that gets the kind.
      const named = runPipeline(model, [resourceNamesStage]).model;
      const kinds = named.packages.flatMap((p) => p.resources).filter((r) => r.armType === 'Contoso.Widgets/widgets' && r.apiVersion === '2021-01-01' && r.kubernetes);
      expect(kinds.map((r) => r.source.file)).toEqual([file(first)]);
      // The latest-version pruning keeps the same one.
      const pruned = loadSpecs({ specsDir: dir, latestOnly: 'latest-stable' });
      expect(pruned.diagnostics.map((d) => d.code)).toEqual(['duplicate-resource-type']);
      const kept = pruned.model.packages.flatMap((p) => p.resources).filter((r) => r.armType === 'Contoso.Widgets/widgets' && r.apiVersion === '2021-01-01');
      expect(kept[0].source.file).toBe(file(first));
    }
  });
});

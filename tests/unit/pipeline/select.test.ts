import { describe, expect, it } from 'vitest';
import type { Model, Resource } from '../../../generator/model/types.js';
import type { PipelineOptions } from '../../../generator/pipeline/options.js';
import { applyPolicy, packageSelected, selectStage } from '../../../generator/pipeline/select.js';
import { compareApiVersions } from '../../../generator/model/api-versions.js';
import { fixtureThrough } from '../../helpers.js';
import { runStageAlone } from './stage-helpers.js';

/** `group kind` → the api-versions kept, sorted. */
function kept(model: Model): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pkg of model.packages) for (const r of pkg.resources) if (r.kubernetes) (out[`${r.kubernetes.group} ${r.kubernetes.kind}`] ??= []).push(r.apiVersion);
  for (const list of Object.values(out)) list.sort(compareApiVersions);
  return out;
}

const select = (options: Partial<PipelineOptions>) => fixtureThrough('pipeline/storage-version', 'select', { options });

describe('select', () => {
  it('keeps everything with no selectors and the `all` policy (the library default)', async () => {
    const before = await fixtureThrough('pipeline/storage-version', 'resource-names');
    const after = await select({});
    expect(runStageAlone(selectStage, before.model, {}).model).toBe(before.model);
    expect(kept(after.model)).toEqual(kept(before.model));
    expect(kept(after.model)['test.azure.com Widget']).toEqual(['2021-01-01', '2021-06-01-preview', '2021-06-01', '2022-01-01-preview']);
  });

  it('latest-stable keeps the latest stable version of each kind, else its latest preview', async () => {
    const { model, counts } = await select({ versions: 'latest-stable' });
    expect(kept(model)).toEqual({
      'other.azure.com Widget': ['2020-01-01'],
      'test.azure.com Gadget': ['2021-06-01'],
      'test.azure.com Sprocket': ['2022-01-01-preview'],
      'test.azure.com Widget': ['2021-06-01'],
    });
    expect(counts['select.kinds']).toBe(4);
    expect(counts['select.versions']).toBe(4);
    // Packages left without a resource are gone.
    expect(model.packages.map((p) => `${p.namespace} ${p.apiVersion}`)).toEqual(['Microsoft.Other 2020-01-01', 'Microsoft.Test 2021-06-01', 'Microsoft.Test 2022-01-01-preview']);
  });

  it('latest keeps the latest version of any stability; a list keeps the versions listed', async () => {
    expect(kept((await select({ versions: 'latest' })).model)).toEqual({
      'other.azure.com Widget': ['2020-01-01'],
      'test.azure.com Gadget': ['2021-06-01'],
      'test.azure.com Sprocket': ['2022-01-01-preview'],
      'test.azure.com Widget': ['2022-01-01-preview'],
    });
    expect(kept((await select({ versions: ['2021-06-01-preview', '2020-01-01'] })).model)).toEqual({
      'other.azure.com Widget': ['2020-01-01'],
      'test.azure.com Gadget': ['2021-06-01-preview'],
      'test.azure.com Sprocket': ['2021-06-01-preview'],
      'test.azure.com Widget': ['2021-06-01-preview'],
    });
  });

  it('selects by kind, group (namespace or Kubernetes group), ARM type and version glob, each entry with its own policy', async () => {
    expect(Object.keys(kept((await select({ versions: 'latest-stable', resources: [{ kind: 'Widget' }] })).model))).toEqual(['other.azure.com Widget', 'test.azure.com Widget']);
    expect(Object.keys(kept((await select({ versions: 'latest-stable', resources: [{ group: 'other.azure.com' }] })).model))).toEqual(['other.azure.com Widget']);
    expect(Object.keys(kept((await select({ versions: 'latest-stable', resources: [{ group: 'microsoft.other' }] })).model))).toEqual(['other.azure.com Widget']);
    const { model } = await select({
      versions: 'latest-stable',
      resources: [
        { group: 'Microsoft.Test', version: '2021-*' },
        { armType: 'microsoft.test/GADGETS', versions: 'all' },
      ],
    });
    expect(kept(model)).toEqual({
      'test.azure.com Gadget': ['2020-01-01-preview', '2021-06-01-preview', '2021-06-01'],
      'test.azure.com Sprocket': ['2021-06-01-preview'],
      'test.azure.com Widget': ['2021-06-01'],
    });
  });

  it('never renames a kind: names are chosen over the whole model before selecting', async () => {
    const all = await fixtureThrough('pipeline/storage-version', 'resource-names');
    const names = (m: Model) => new Set(m.packages.flatMap((p) => p.resources.filter((r) => r.kubernetes).map((r) => `${r.armType} ${r.kubernetes!.kind}`)));
    const some = await select({ versions: 'latest', resources: [{ kind: 'Sprocket' }] });
    for (const n of names(some.model)) expect(names(all.model).has(n)).toBe(true);
  });

  it('keeps what it leaves out recognisable: resources without a kind in kept packages, every ARM type in armTypes', async () => {
    const { model } = await select({ versions: 'latest-stable', resources: [{ kind: 'Widget', group: 'test.azure.com' }] });
    const pkg = model.packages.find((p) => p.namespace === 'Microsoft.Test')!;
    expect(pkg.apiVersion).toBe('2021-06-01');
    const gadget = pkg.resources.find((r) => r.armType === 'Microsoft.Test/gadgets')!;
    expect(gadget.kubernetes).toBeUndefined();
    expect(gadget.putType).toBeDefined();
    expect(model.armTypes).toEqual(expect.arrayContaining(['Microsoft.Other/widgets', 'Microsoft.Test/gadgets', 'Microsoft.Test/sprockets', 'Microsoft.Test/widgets']));
  });

  it('reports a selector that matches nothing, with where it is written', async () => {
    const source = { file: 'armkube.yaml', pointer: '/resources/1' };
    const { diagnostics, model } = await select({ versions: 'latest-stable', resources: [{ kind: 'Widget' }, { kind: 'Nope*', source }] });
    const unmatched = diagnostics.filter((d) => d.code === 'selector-unmatched');
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ severity: 'warning', location: source });
    expect(unmatched[0].message).toContain('kind: Nope*');
    expect(Object.keys(kept(model))).toHaveLength(2);
  });

  it('prefers versions that have a PUT body', () => {
    const r = (apiVersion: string, body: boolean): Resource => ({
      armType: 'Microsoft.Test/widgets',
      apiVersion,
      scope: 'resourceGroup',
      urlTemplate: '/x',
      source: { file: `${apiVersion}.json`, pointer: '' },
      ...(body ? { putType: { kind: 'object', properties: [] } } : {}),
      kubernetes: { group: 'test.azure.com', version: apiVersion, kind: 'Widget' },
    });
    expect(applyPolicy('latest-stable', [r('2020-01-01', true), r('2021-01-01', false)]).map((x) => x.apiVersion)).toEqual(['2020-01-01']);
    expect(applyPolicy('latest', [r('2020-01-01', false), r('2021-01-01', false)]).map((x) => x.apiVersion)).toEqual(['2021-01-01']);
    const model: Model = { packages: [{ id: 'p', namespace: 'Microsoft.Test', apiVersion: '2021-01-01', stability: 'stable', files: [], types: {}, resources: [r('2021-01-01', false)] }] };
    expect(runStageAlone(selectStage, model, { versions: 'latest-stable' }).model.packages[0].resources).toHaveLength(1);
  });

  it('tells the loader which packages a selection can reach', () => {
    expect(packageSelected(undefined, 'Microsoft.Test', '2021-01-01', 'azure.com')).toBe(true);
    expect(packageSelected([{ group: 'Microsoft.Network' }], 'Microsoft.Test', '2021-01-01', 'azure.com')).toBe(false);
    expect(packageSelected([{ group: 'test.azure.com' }], 'Microsoft.Test', '2021-01-01', 'azure.com')).toBe(true);
    expect(packageSelected([{ armType: 'Microsoft.Test/widgets', version: '2021-*' }], 'Microsoft.Test', '2021-01-01', 'azure.com')).toBe(true);
    expect(packageSelected([{ armType: 'Microsoft.Test/widgets', version: '2021-*' }], 'Microsoft.Test', '2020-01-01', 'azure.com')).toBe(false);
    expect(packageSelected([{ kind: 'Widget' }], 'Microsoft.Anything', '2020-01-01', 'azure.com')).toBe(true);
  });
});

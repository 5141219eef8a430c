import { describe, expect, it } from 'vitest';
import type { Model, Resource } from '../../../generator/model/types.js';
import { compareApiVersions, isStable } from '../../../generator/model/api-versions.js';
import { chooseStorage, storageVersionStage } from '../../../generator/pipeline/storage-version.js';
import { fixtureThrough } from '../../helpers.js';
import { runStageAlone } from './stage-helpers.js';

/** `group kind` → the api-versions marked as storage, and every version seen. */
function storage(model: Model): Record<string, { storage: string[]; versions: string[] }> {
  const out: Record<string, { storage: string[]; versions: string[] }> = {};
  for (const pkg of model.packages) {
    for (const r of pkg.resources) {
      if (!r.kubernetes) continue;
      const entry = (out[`${r.kubernetes.group} ${r.kubernetes.kind}`] ??= { storage: [], versions: [] });
      entry.versions.push(r.apiVersion);
      if (r.kubernetes.storage === true) entry.storage.push(r.apiVersion);
      else expect(r.kubernetes.storage).toBe(false);
    }
  }
  for (const entry of Object.values(out)) entry.versions.sort(compareApiVersions);
  return out;
}

describe('storage-version', () => {
  it('picks the latest stable version of each kind, else the latest preview, across packages', async () => {
    const { model, counts, diagnostics } = await fixtureThrough('pipeline/storage-version', 'storage-version');
    expect(storage(model)).toEqual({
      'other.azure.com Widget': { storage: ['2020-01-01'], versions: ['2020-01-01'] },
      'test.azure.com Gadget': { storage: ['2021-06-01'], versions: ['2020-01-01-preview', '2021-06-01-preview', '2021-06-01'] },
      'test.azure.com Sprocket': { storage: ['2022-01-01-preview'], versions: ['2021-06-01-preview', '2022-01-01-preview'] },
      'test.azure.com Widget': { storage: ['2021-06-01'], versions: ['2021-01-01', '2021-06-01-preview', '2021-06-01', '2022-01-01-preview'] },
    });
    expect(counts.storageVersions).toBe(4);
    expect(counts['storageVersions.preview']).toBe(1);
    expect(diagnostics.filter((d) => d.source === 'storage-version')).toEqual([]);
  });

  it('with the `latest` policy picks the latest version of any stability, stable after preview on the same date', async () => {
    const { model } = await fixtureThrough('pipeline/storage-version', 'storage-version', { options: { storageVersion: 'latest' } });
    const chosen = Object.fromEntries(Object.entries(storage(model)).map(([k, v]) => [k, v.storage]));
    expect(chosen).toEqual({
      'other.azure.com Widget': ['2020-01-01'],
      'test.azure.com Gadget': ['2021-06-01'],
      'test.azure.com Sprocket': ['2022-01-01-preview'],
      'test.azure.com Widget': ['2022-01-01-preview'],
    });
  });

  it('does not mutate its input and does not depend on the package order', async () => {
    const { model: before } = await fixtureThrough('pipeline/storage-version', 'tidy');
    const snapshot = structuredClone(before);
    const { model } = runStageAlone(storageVersionStage, before);
    expect(before).toEqual(snapshot);
    expect(before.packages.every((p) => p.resources.every((r) => r.kubernetes?.storage === undefined))).toBe(true);
    const reversed = runStageAlone(storageVersionStage, { packages: [...before.packages].reverse() }).model;
    expect(storage(reversed)).toEqual(storage(model));
  });
});

describe('api-version order', () => {
  it('orders by date, then previews before the stable version of the same date', () => {
    const versions = ['2021-04-01', '2020-12-01', '2021-04-01-preview', '2021-04-01-beta', '2019-01-01-preview', '2022-01-01-privatepreview'];
    expect([...versions].sort(compareApiVersions)).toEqual([
      '2019-01-01-preview',
      '2020-12-01',
      '2021-04-01-beta',
      '2021-04-01-preview',
      '2021-04-01',
      '2022-01-01-privatepreview',
    ]);
    expect(isStable('2021-04-01')).toBe(true);
    expect(isStable('2021-04-01-preview')).toBe(false);
    expect(isStable('2021-04-01-beta')).toBe(false);
  });

  it('prefers versions that have a spec', () => {
    const version = (apiVersion: string, specType?: string): Resource => ({
      armType: 'Microsoft.Test/widgets',
      apiVersion,
      scope: 'resourceGroup',
      urlTemplate: '/x',
      source: { file: 'x.json', pointer: '' },
      kubernetes: { group: 'test.azure.com', version: apiVersion, kind: 'Widget', specType },
    });
    const versions = [version('2021-01-01', 'Widget_Spec'), version('2022-01-01'), version('2022-06-01-preview', 'Widget_Spec')];
    expect(chooseStorage(versions, 'latest-stable').apiVersion).toBe('2021-01-01');
    expect(chooseStorage(versions, 'latest').apiVersion).toBe('2022-06-01-preview');
    expect(chooseStorage([version('2021-01-01'), version('2020-01-01')], 'latest-stable').apiVersion).toBe('2021-01-01');
  });
});

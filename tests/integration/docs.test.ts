/**
 * The docs of Microsoft.Storage 2021-04-01 from the real specs: the loader's example paths point
 * at files of the tree, every sample parses and was made from one of its kind's examples, the
 * StorageAccount sample carries its example's location, sku and kind, and the kinds with and
 * without a sample are counted from the pages and checked against the example files on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model, Resource } from '../../generator/model/types.js';
import { asoStages } from '../../generator/targets/aso.js';
import { azureSpecsDir, hasAzureSpecs, loadAzure, runStages } from '../helpers.js';
import { renderDocs, section, yamlBlock, type RenderedDocs } from '../unit/emit/docs/support.js';

type Json = Record<string, unknown>;

describe.skipIf(!hasAzureSpecs)('docs of Microsoft.Storage 2021-04-01', () => {
  let model: Model;
  let docs: RenderedDocs;
  let page: string;
  const timing: Record<string, number> = {};

  beforeAll(async () => {
    let started = performance.now();
    model = runStages(loadAzure('Microsoft.Storage', '2021-04-01').model, [...asoStages]).model;
    timing.pipeline = performance.now() - started;
    started = performance.now();
    docs = await renderDocs(model, azureSpecsDir);
    timing.docs = performance.now() - started;
    page = docs.page('storage.azure.com.md');
  }, 300_000);
  afterAll(() => docs?.code.dispose());

  const kinds = () => model.packages.flatMap((p) => p.resources.filter((r) => r.kubernetes?.specType));

  it('resolves every example path of the loader to a file of the tree', () => {
    const paths = kinds().flatMap((r) => r.examples ?? []);
    expect(paths.length).toBeGreaterThan(kinds().length);
    for (const p of paths) expect(existsSync(path.join(azureSpecsDir, p)), p).toBe(true);
  });

  it('makes the StorageAccount sample from an example of its own, with its location, sku and kind', () => {
    const text = section(page, '### StorageAccount sample');
    const file = text.match(/From the example `([^`]+)`/)?.[1];
    const account = kinds().find((r) => r.kubernetes!.kind === 'StorageAccount')!;
    expect(account.examples).toContain(file);
    const request = ((JSON.parse(readFileSync(path.join(azureSpecsDir, file!), 'utf8')) as Json).parameters as Json)[account.bodyParameter!] as Json;
    const object = load(yamlBlock(text)!) as { apiVersion: string; kind: string; spec: Json };
    expect(object.apiVersion).toBe('storage.azure.com/v20210401');
    expect(object.kind).toBe('StorageAccount');
    expect(object.spec.location).toBe(request.location);
    expect(object.spec.sku).toEqual(request.sku);
    expect(object.spec.kind).toBe(request.kind);
    expect(object.spec.owner).toEqual({ name: expect.any(String) });
  });

  it('counts the kinds with and without a sample from the pages, and each one without has no usable example', () => {
    const withSample: string[] = [];
    const without: string[] = [];
    for (const r of kinds()) {
      const kind = r.kubernetes!.kind;
      const text = section(page, `### ${kind} sample`);
      const yaml = yamlBlock(text);
      if (yaml === undefined) {
        without.push(kind);
        expect(usableExamples(r), kind).toEqual([]);
        continue;
      }
      withSample.push(kind);
      const object = load(yaml) as Json;
      expect(object).toMatchObject({ apiVersion: `${r.kubernetes!.group}/${r.kubernetes!.version}`, kind });
      expect(r.examples).toContain(text.match(/From the example `([^`]+)`/)?.[1]);
    }
    console.log(
      `docs of Microsoft.Storage 2021-04-01: ${kinds().length} kinds, ${withSample.length} with a sample, ${without.length} without (${without.join(', ') || 'none'}); ` +
        `${docs.diagnostics.items.length} docs diagnostics; ${page.length} characters; pipeline ${(timing.pipeline / 1000).toFixed(2)} s, docs (TypeScript emitted + loaded + rendered) ${(timing.docs / 1000).toFixed(2)} s`,
    );
    expect(docs.counts['docs.samples']).toBe(withSample.length);
    expect(docs.counts['docs.withoutSample']).toBe(without.length);
    expect(withSample.length + without.length).toBe(docs.counts['docs.kinds']);
    expect(withSample.length).toBeGreaterThan(0);
  });
});

/** Example files of a resource that exist and hold a request body (what a sample needs before conversion). */
function usableExamples(r: Resource): string[] {
  return (r.examples ?? []).filter((file) => {
    const full = path.join(azureSpecsDir, file);
    if (!existsSync(full)) return false;
    try {
      const body = ((JSON.parse(readFileSync(full, 'utf8')) as Json).parameters as Json | undefined)?.[r.bodyParameter ?? ''];
      return typeof body === 'object' && body !== null;
    } catch {
      return false;
    }
  });
}

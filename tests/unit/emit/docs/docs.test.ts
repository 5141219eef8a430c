/**
 * The docs emitter on a hand-written fixture (specs/fixtures/emit/docs): Microsoft.Gadgets at a
 * stable and a preview api-version; `gadgets` has two PUT examples (a full one with a secret and a
 * reference, a minimal one), `gadgets/parts` a broken example then a good one whose URL parameters
 * lack the parent's name (the owner comes from the response's id) and whose body parameter is
 * misnamed, `widgets` an example file that is not in the tree, `things` no example at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_LIMITS, fieldTable } from '../../../../generator/emit/docs/index.js';
import { tableCell } from '../../../../generator/emit/docs/markdown.js';
import type { ApiPackage, Model, ObjectType } from '../../../../generator/model/types.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { fixturesDir, loadFixture, runStages } from '../../../helpers.js';
import { renderDocs, section, tableRows, unquote, yamlBlock, type RenderedDocs } from './support.js';

const specsDir = path.join(fixturesDir, 'emit', 'docs');
type Json = Record<string, unknown>;

let loaded: Model;
let model: Model;
let docs: RenderedDocs;
let page: string;

beforeAll(async () => {
  loaded = loadFixture('emit/docs').model;
  model = runStages(loaded, [...asoStages]).model;
  docs = await renderDocs(model, specsDir);
  page = docs.page('gadgets.azure.com.md');
});
afterAll(() => docs?.code.dispose());

function stablePackage(): ApiPackage {
  return model.packages.find((p) => p.apiVersion === '2021-01-01')!;
}

function resourceOf(kind: string) {
  const pkg = stablePackage();
  return { pkg, resource: pkg.resources.find((r) => r.kubernetes?.kind === kind)! };
}

function exampleFile(name: string): Json {
  return JSON.parse(readFileSync(path.join(specsDir, 'specification/gadgets/resource-manager/Microsoft.Gadgets/stable/2021-01-01/examples', name), 'utf8')) as Json;
}

describe('the loader and the aso stages keep the examples', () => {
  it('lists the PUT examples relative to the specs root, in the order of the spec, and keeps them through every stage', () => {
    const before = loaded.packages.find((p) => p.apiVersion === '2021-01-01')!;
    const examples = (armType: string, pkg: ApiPackage) => pkg.resources.find((r) => r.armType === armType)?.examples;
    expect(examples('Microsoft.Gadgets/gadgets', before)).toEqual([
      'specification/gadgets/resource-manager/Microsoft.Gadgets/stable/2021-01-01/examples/GadgetCreate.json',
      'specification/gadgets/resource-manager/Microsoft.Gadgets/stable/2021-01-01/examples/GadgetCreateMinimal.json',
    ]);
    expect(examples('Microsoft.Gadgets/things', before)).toBeUndefined();
    for (const r of before.resources) {
      expect(examples(r.armType, stablePackage()), r.armType).toEqual(r.examples);
      expect(stablePackage().resources.find((x) => x.armType === r.armType)?.bodyParameter).toBe('parameters');
    }
  });
});

describe('docs pages', () => {
  it('writes an index and one page per group, linking every kind the model has', () => {
    expect(docs.files.map((f) => f.path).sort()).toEqual(['docs/gadgets.azure.com.md', 'docs/index.md']);
    const kinds = [...new Set(model.packages.flatMap((p) => p.resources.filter((r) => r.kubernetes?.specType).map((r) => r.kubernetes!.kind)))].sort();
    expect(kinds.length).toBe(4);
    const index = docs.page('index.md');
    const linked = tableRows(section(index, '## gadgets.azure.com')).map((row) => row[0]);
    expect(linked).toEqual(kinds.map((k) => `[${k}](gadgets.azure.com.md#${k.toLowerCase()})`));
    for (const kind of kinds) expect(page).toContain(`\n## ${kind}\n`);
    expect(docs.counts['docs.kinds']).toBe(kinds.length);
  });

  it('lists every version of a kind and marks the storage version', () => {
    const rows = tableRows(section(page, '## Gadget'));
    const versions = model.packages.flatMap((p) => p.resources.filter((r) => r.kubernetes?.kind === 'Gadget').map((r) => r.kubernetes!));
    expect(rows.map((r) => unquote(r[0])).sort()).toEqual(versions.map((k) => k.version).sort());
    const storage = versions.find((k) => k.storage)!;
    expect(rows.find((r) => unquote(r[0]) === storage.version)![2]).toContain('storage version');
    expect(rows.filter((r) => r[2].includes('storage version')).length).toBe(1);
  });

  it('has a row for every spec field, nested ones as dotted paths, with type and required', () => {
    const { pkg, resource } = resourceOf('Gadget');
    const spec = pkg.types[resource.kubernetes!.specType!].type as ObjectType;
    const rows = tableRows(section(page, '### Gadget spec'));
    const byPath = new Map(rows.map((r) => [unquote(r[0]), r]));
    for (const p of spec.properties) {
      expect(byPath.has(p.name), p.name).toBe(true);
      expect(byPath.get(p.name)![2]).toBe(p.required ? 'yes' : '');
    }
    expect(byPath.get('settings.limits.maxCount')?.[1]).toBe('integer (int64)');
    expect(byPath.get('rules[].name')?.[2]).toBe('yes');
    expect(byPath.get('size')?.[1]).toBe('integer (int32); value 1–10');
    expect(byPath.get('adminPassword')?.[1]).toContain('secret reference');
    expect(byPath.get('subnetReference')?.[1]).toContain('reference');
    // A description over two lines stays in its cell.
    expect(byPath.get('settings.mode')?.[3]).toBe('The mode: fast or slow.');
    const status = tableRows(section(page, '### Gadget status')).map((r) => unquote(r[0]));
    expect(status).toContain('provisioningState');
    expect(status).toContain('conditions');
  });

  it('renders the same bytes twice', async () => {
    const again = await renderDocs(model, specsDir);
    try {
      expect(again.files).toEqual(docs.files);
    } finally {
      again.code.dispose();
    }
  });
});

describe('samples', () => {
  it("is the richest example's request through the generated armToSpec, as a Kubernetes object", () => {
    const { resource } = resourceOf('Gadget');
    const k = resource.kubernetes!;
    const text = section(page, '### Gadget sample');
    expect(text).toContain('examples/GadgetCreate.json');
    const object = load(yamlBlock(text)!) as Json;
    const example = exampleFile('GadgetCreate.json');
    const parameters = example.parameters as Json;
    const converted = docs.code.findResource(resource.armType, resource.apiVersion)!.armToSpec(parameters.parameters, { name: parameters.resourceGroupName as string });
    // `Gadget_One` is no Kubernetes name: metadata.name is its DNS form, azureName keeps the ARM name.
    expect(object).toEqual({
      apiVersion: `${k.group}/${k.version}`,
      kind: k.kind,
      metadata: { name: 'gadget-one' },
      spec: { azureName: parameters.gadgetName, ...(converted.spec as Json) },
    });
    expect(converted.secrets.length).toBeGreaterThan(0);
    for (const s of converted.secrets) expect(text).toContain(`Create the Secret \`${s.reference.name}\``);
    expect(text).not.toContain('not-a-real-password');
  });

  it('reports an example that is not JSON as a diagnostic naming the file, and uses the next one', () => {
    const invalid = docs.diagnostics.items.filter((d) => d.code === 'docs-example-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0].location?.file).toBe('specification/gadgets/resource-manager/Microsoft.Gadgets/stable/2021-01-01/examples/PartBroken.json');
    expect(invalid[0].message).toContain('PartBroken.json');
    const object = load(yamlBlock(section(page, '### GadgetsPart sample'))!) as { metadata: Json; spec: Json };
    // The example names its body `part`, not `parameters` as the spec does: the one object parameter is taken.
    const body = (exampleFile('PartCreate.json').parameters as Json).part as Json;
    // The URL parameters lack the gadget's name: the owner comes from the response's id.
    expect(object.spec.owner).toEqual({ name: 'gadget-two' });
    expect(object.spec.weight).toBe((body.properties as Json).weight);
    expect(object.metadata.name).toBe('wheel');
  });

  it('says why a kind has no sample, and the counts add up', () => {
    expect(section(page, '### Widget sample')).toMatch(/^\s*No sample: the example files .* are not in the specs tree\./);
    expect(section(page, '### Thing sample')).toMatch(/^\s*No sample: the specs have no PUT example/);
    const sections = [...page.matchAll(/^### (\S+) sample$/gm)].map((m) => section(page, m[0]));
    const withYaml = sections.filter((s) => yamlBlock(s) !== undefined).length;
    expect(docs.counts['docs.samples']).toBe(withYaml);
    expect(docs.counts['docs.withoutSample']).toBe(sections.length - withYaml);
    expect(withYaml).toBeGreaterThan(0);
  });
});

describe('field tables are bounded', () => {
  it('stops at the row limit and the nesting depth, counting what it leaves out', () => {
    const { pkg, resource } = resourceOf('Gadget');
    const name = resource.kubernetes!.specType!;
    const all = fieldTable(pkg, name, { maxDepth: 100, maxRows: 100_000 });
    expect(all.omitted).toBe(0);
    expect(fieldTable(pkg, name, DEFAULT_FIELD_LIMITS.spec).rows).toEqual(all.rows);
    const few = fieldTable(pkg, name, { maxDepth: 100, maxRows: 3 });
    expect(few.rows).toEqual(all.rows.slice(0, 3));
    expect(few.omitted).toBe(all.rows.length - 3);
    const flat = fieldTable(pkg, name, { maxDepth: 1, maxRows: 100_000 });
    expect(flat.rows.every((r) => !/[.[{]/.test(r.path))).toBe(true);
    expect(flat.rows.length + flat.omitted).toBe(all.rows.length);
  });

  it('keeps a table cell on one line, pipes escaped, long text cut', () => {
    expect(tableCell('a | b\n  c')).toBe('a \\| b c');
    const long = tableCell('x'.repeat(500), 100);
    expect(long.length).toBe(100);
    expect(long.endsWith('…')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ObjectType, Type } from '../../../generator/model/types.js';
import { walkType } from '../../../generator/model/walk.js';
import { mergeAllOfStage } from '../../../generator/pipeline/merge-allof.js';
import { hasAzureSpecs, loadAzure, loadFixture, onlyPackage, runStages } from '../../helpers.js';
import { objectOf } from './stage-helpers.js';

const TEST_FILE = 'specification/test/resource-manager/Microsoft.Test/stable/2021-01-01/test.json';

function run() {
  const loaded = loadFixture('pipeline/merge-allof');
  const before = structuredClone(loaded.model);
  const result = runStages(loaded.model, [mergeAllOfStage]);
  return { loaded, before, result, pkg: onlyPackage(result.model) };
}

const names = (t: ObjectType) => t.properties.map((p) => p.armName);
const required = (t: ObjectType) => t.properties.filter((p) => p.required).map((p) => p.armName);

describe('merge-allof', () => {
  it('puts base properties first, recursively, and lets a redeclared property replace the inherited one in place', () => {
    const { pkg } = run();
    const widget = objectOf(pkg, 'Widget');
    expect(names(widget)).toEqual(['id', 'name', 'type', 'tags', 'location', 'properties', 'etag']);
    const name = widget.properties[1];
    expect(name.description).toBe('The widget name, redeclared with a pattern.');
    expect(name.readOnly).toBe(false);
    expect(name.type).toMatchObject({ kind: 'primitive', validations: { pattern: '^[a-z]+$' } });
    expect(widget.properties[0]).toMatchObject({ armName: 'id', readOnly: true });
    expect(widget.bases).toBeUndefined();
  });

  it('inherits x-ms-azure-resource and required flags from a common-types TrackedResource/Resource chain', () => {
    const { pkg } = run();
    const widget = objectOf(pkg, 'Widget');
    expect(widget.azureResource).toBe(true);
    expect(required(widget)).toEqual(['location', 'properties']);
    expect(names(objectOf(pkg, 'TrackedResource'))).toEqual(['id', 'name', 'type', 'tags', 'location']);
    expect(widget.properties.find((p) => p.armName === 'tags')?.mutability).toEqual(['read', 'create', 'update']);
  });

  it('applies a required list that names inherited properties', () => {
    const before = loadFixture('pipeline/merge-allof').model;
    expect(onlyPackage(before).types.Gizmo.type).toMatchObject({ requiredInherited: ['tags'] });
    const gizmo = objectOf(onlyPackage(runStages(before, [mergeAllOfStage]).model), 'Gizmo');
    expect(required(gizmo).sort()).toEqual(['location', 'size', 'tags']);
    expect(gizmo.requiredInherited).toBeUndefined();
  });

  it('merges multi-level chains and inherits validations key by key', () => {
    const { pkg } = run();
    const special = objectOf(pkg, 'SpecialWidgetProperties');
    expect(names(special)).toEqual(['provisioningState', 'description', 'size', 'settings', 'special']);
    expect(required(special)).toEqual(['special']);
    expect(special.validations).toEqual({ minProperties: 1, maxProperties: 10 });
    expect(objectOf(pkg, 'WidgetProperties').validations).toEqual({ minProperties: 1, maxProperties: 10 });
    expect(objectOf(pkg, 'BaseProperties').validations).toEqual({ minProperties: 1 });
  });

  it('merges inline objects, keeping a property required when any declaration requires it', () => {
    const { pkg } = run();
    const settings = objectOf(pkg, 'WidgetProperties').properties.find((p) => p.armName === 'settings')!.type as ObjectType;
    expect(settings.kind).toBe('object');
    expect(names(settings)).toEqual(['mode', 'level', 'extra']);
    expect(required(settings)).toEqual(['mode']);
    expect(settings.properties[0].description).toBe('Redeclared, not required here.');
    expect(settings.bases).toBeUndefined();
  });

  it('merges inline resource bodies', () => {
    const { pkg } = run();
    const gizmo = pkg.resources.find((r) => r.armType === 'Microsoft.Test/gizmos')!;
    const put = gizmo.putType as ObjectType;
    expect(put.kind).toBe('object');
    expect(names(put)).toEqual(['id', 'name', 'type', 'properties']);
    expect(put.azureResource).toBe(true);
    expect(put.bases).toBeUndefined();
    expect(gizmo.getType).toEqual({ kind: 'ref', name: 'Widget' });
  });

  it('inherits additionalProperties, and turns a map base into additionalProperties with a diagnostic', () => {
    const { pkg, result } = run();
    expect(objectOf(pkg, 'ExtendedLabels')).toMatchObject({ additionalProperties: { kind: 'primitive', primitive: 'string' } });
    expect(names(objectOf(pkg, 'ExtendedLabels'))).toEqual(['primary', 'secondary']);
    const counters = objectOf(pkg, 'Counters');
    expect(names(counters)).toEqual(['total']);
    expect(counters.additionalProperties).toEqual({ kind: 'primitive', primitive: 'integer', format: 'int64' });
    const nonObject = result.diagnostics.filter((d) => d.code === 'allof-non-object');
    expect(nonObject.map((d) => [d.severity, d.location])).toEqual([
      ['info', { file: TEST_FILE, pointer: '/definitions/Counters' }],
      ['info', { file: TEST_FILE, pointer: '/definitions/Loose' }],
    ]);
    expect(nonObject[0].source).toBe('merge-allof');
    expect(names(objectOf(pkg, 'Loose'))).toEqual(['note']);
    expect(objectOf(pkg, 'Loose').additionalProperties).toBeUndefined();
  });

  it('cuts allOf cycles and reports them', () => {
    const { pkg, result } = run();
    const cycles = result.diagnostics.filter((d) => d.code === 'allof-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].location).toEqual({ file: TEST_FILE, pointer: '/definitions/CycleB' });
    expect(cycles[0].message).toContain('CycleA → CycleB → CycleA');
    expect(names(objectOf(pkg, 'CycleA'))).toEqual(['b', 'a']);
    expect(names(objectOf(pkg, 'CycleB'))).toEqual(['b']);
  });

  it('does not copy the discriminator onto subtypes, and keeps discriminator, subtypes and values', () => {
    const { pkg } = run();
    const cat = objectOf(pkg, 'Cat');
    expect(names(cat)).toEqual(['petType', 'name', 'meows']);
    expect(required(cat)).toEqual(['petType']);
    expect(cat.discriminator).toBeUndefined();
    expect(cat.discriminatorValue).toBe('cat');
    expect(objectOf(pkg, 'Pet')).toMatchObject({ discriminator: 'petType', subtypes: ['Cat'] });
  });

  it('leaves no bases anywhere, merges each object once, and counts them', () => {
    const { pkg, result } = run();
    const all: Type[] = [...Object.values(pkg.types).map((d) => d.type), ...pkg.resources.flatMap((r) => [r.putType, r.getType].filter((t): t is Type => !!t))];
    for (const t of all) walkType(t, (x) => expect(x.kind === 'object' && x.bases).toBeFalsy());
    // Widget, TrackedResource, WidgetProperties, its inline settings, SpecialWidgetProperties,
    // ExtendedLabels, Counters, Loose, CycleA, CycleB, Cat, Gizmo and the inline gizmo body.
    expect(result.counts).toEqual({ allOfMerged: 13 });
  });

  it('does not mutate its input and shares what it does not change', () => {
    const { loaded, before, pkg } = run();
    expect(loaded.model).toEqual(before);
    const input = onlyPackage(loaded.model);
    expect(pkg.types.Settings).toBe(input.types.Settings);
    expect(pkg.types.Resource).toBe(input.types.Resource);
    expect(pkg.resources[0]).toBe(input.resources[0]);
    expect(Object.keys(pkg.types)).toEqual(Object.keys(input.types));
  });
});

describe.skipIf(!hasAzureSpecs)('merge-allof on the real specs', () => {
  it('gives Microsoft.Storage 2021-04-01 StorageAccount the properties of TrackedResource and Resource', () => {
    const pkg = onlyPackage(runStages(loadAzure('Microsoft.Storage', '2021-04-01').model, [mergeAllOfStage]).model);
    const account = objectOf(pkg, 'StorageAccount');
    expect(names(account).slice(0, 5)).toEqual(['id', 'name', 'type', 'tags', 'location']);
    expect(names(account)).toEqual(expect.arrayContaining(['sku', 'kind', 'identity', 'properties']));
    expect(required(account)).toContain('location');
    expect(account.azureResource).toBe(true);
    expect(account.properties.find((p) => p.armName === 'id')?.readOnly).toBe(true);
  });
});

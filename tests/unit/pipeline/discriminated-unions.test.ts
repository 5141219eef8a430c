import { describe, expect, it } from 'vitest';
import type { ApiPackage, ObjectType, UnionType } from '../../../generator/model/types.js';
import { resolve } from '../../../generator/model/walk.js';
import { discriminatedUnionsStage } from '../../../generator/pipeline/discriminated-unions.js';
import { mergeAllOfStage } from '../../../generator/pipeline/merge-allof.js';
import type { Stage } from '../../../generator/pipeline/stage.js';
import { hasAzureSpecs, loadAzure, loadFixture, onlyPackage, runStages } from '../../helpers.js';
import { objectOf } from './stage-helpers.js';

const TEST_FILE = 'specification/test/resource-manager/Microsoft.Test/stable/2021-01-01/test.json';
const at = (name: string) => ({ file: TEST_FILE, pointer: `/definitions/${name}` });

/** Runs merge-allof then discriminated-unions, keeping the model in between (and a deep copy of it). */
function run() {
  const loaded = loadFixture('pipeline/discriminated-unions');
  let merged = loaded.model;
  let before = merged;
  const capture: Stage = {
    id: 'capture',
    description: 'keeps the input of discriminated-unions',
    run: (model) => {
      merged = model;
      before = structuredClone(model);
      return model;
    },
  };
  const result = runStages(loaded.model, [mergeAllOfStage, capture, discriminatedUnionsStage]);
  return { merged, before, result, pkg: onlyPackage(result.model) };
}

function union(pkg: ApiPackage, name: string): UnionType {
  const t = pkg.types[name]?.type;
  if (t?.kind !== 'union') throw new Error(`${name} is ${t?.kind ?? 'missing'}, not a union`);
  return t;
}

/** `value → name: type` per variant, for compact assertions. */
const variants = (u: UnionType) => u.variants.map((v) => `${v.value} → ${v.name}: ${v.type.kind === 'ref' ? v.type.name : v.type.kind}`);
const names = (t: ObjectType) => t.properties.map((p) => p.armName);

describe('discriminated-unions', () => {
  it('turns a discriminated base into a union with one variant per subtype, multi-level included, sorted by value', () => {
    const { pkg } = run();
    const linked = union(pkg, 'LinkedService');
    expect(linked.discriminator).toBe('type');
    expect(variants(linked)).toEqual([
      'AzureBlobStorage → azureBlobStorageLinkedService: AzureBlobStorageLinkedService',
      'AzureSql → azureSqlLinkedService: AzureSqlLinkedService',
      'AzureSqlLegacy → azureSqlLinkedService2: AzureSql_LinkedService',
      'Execution → executionLinkedService: ExecutionLinkedService',
      'Hdi → hdiLinkedService: HdiLinkedService',
    ]);
    expect(pkg.types.LinkedService.description).toMatch(/^The nested object/);
  });

  it('suffixes colliding variant names and reports them', () => {
    const { result } = run();
    const collisions = result.diagnostics.filter((d) => d.code === 'union-variant-name-collision');
    expect(collisions.map((d) => [d.severity, d.location])).toEqual([['warning', at('AzureSql_LinkedService')]]);
    expect(collisions[0].message).toContain('azureSqlLinkedService2');
  });

  it('keeps the first subtype (by name) of a repeated discriminator value and reports the others', () => {
    const { pkg, result } = run();
    expect(union(pkg, 'LinkedService').variants.filter((v) => v.value === 'AzureBlobStorage').map((v) => v.type)).toEqual([
      { kind: 'ref', name: 'AzureBlobStorageLinkedService' },
    ]);
    const duplicates = result.diagnostics.filter((d) => d.code === 'union-duplicate-value');
    expect(duplicates.map((d) => [d.severity, d.location])).toEqual([['warning', at('AzureBlobStorageV2LinkedService')]]);
  });

  it('drops the discriminator property from every variant object but keeps its discriminatorValue', () => {
    const { pkg } = run();
    expect(names(objectOf(pkg, 'AzureBlobStorageLinkedService'))).toEqual(['description', 'connectionString']);
    expect(objectOf(pkg, 'AzureBlobStorageLinkedService').discriminatorValue).toBe('AzureBlobStorage');
    // Two levels down: inherited through ExecutionLinkedService, dropped all the same.
    expect(names(objectOf(pkg, 'HdiLinkedService'))).toEqual(['description', 'pool', 'clusterUri']);
    expect(objectOf(pkg, 'HdiLinkedService').discriminatorValue).toBe('Hdi');
    expect(names(objectOf(pkg, 'CopyJob'))).toEqual(['id', 'name', 'type', 'location', 'source']);
  });

  it('keeps a copy of a concrete base (explicit x-ms-discriminator-value) as a variant', () => {
    const { pkg, result } = run();
    expect(variants(union(pkg, 'RuleSet'))).toEqual([
      'AzureManagedRuleSet → azureManagedRuleSet: AzureManagedRuleSet',
      'Unknown → ruleSet: RuleSet_Unknown',
    ]);
    const copy = objectOf(pkg, 'RuleSet_Unknown');
    expect(names(copy)).toEqual(['priority']);
    expect(copy).toMatchObject({ discriminatorValue: 'Unknown' });
    expect(copy.discriminator).toBeUndefined();
    expect(copy.subtypes).toBeUndefined();
    expect(pkg.types.RuleSet_Unknown.source).toEqual(at('RuleSet'));
    // The copy sits right after its base.
    const keys = Object.keys(pkg.types);
    expect(keys[keys.indexOf('RuleSet') + 1]).toBe('RuleSet_Unknown');
    expect(result.diagnostics.filter((d) => d.code === 'union-concrete-base').map((d) => d.location)).toEqual([at('RuleSet'), at('HyperVPolicyInput')]);
  });

  it('makes an intermediate level that redeclares the discriminator a union of its own, and a variant of the root through its copy', () => {
    const { pkg } = run();
    expect(variants(union(pkg, 'PolicyInput'))).toEqual([
      'A2A → a2APolicyInput: A2APolicyInput',
      'HyperV2012 → hyperVPolicyInput: HyperVPolicyInput_HyperV2012',
      'HyperV2012R2 → hyperVR2PolicyInput: HyperVR2PolicyInput',
    ]);
    expect(variants(union(pkg, 'HyperVPolicyInput'))).toEqual([
      'HyperV2012 → hyperVPolicyInput: HyperVPolicyInput_HyperV2012',
      'HyperV2012R2 → hyperVR2PolicyInput: HyperVR2PolicyInput',
    ]);
    expect(names(objectOf(pkg, 'HyperVPolicyInput_HyperV2012'))).toEqual(['compression']);
    expect(names(objectOf(pkg, 'HyperVR2PolicyInput'))).toEqual(['compression', 'replicationFrequency']);
  });

  it('does not treat the default discriminator value of an allOf-derived base as a variant', () => {
    const { pkg } = run();
    expect(variants(union(pkg, 'Job'))).toEqual(['copy → copyJob: CopyJob']);
    expect(pkg.types.Job_Job).toBeUndefined();
  });

  it('leaves a discriminated base without subtypes an object and reports it', () => {
    const { pkg, result } = run();
    expect(objectOf(pkg, 'Shape')).toMatchObject({ discriminator: 'shapeType' });
    expect(names(objectOf(pkg, 'Shape'))).toEqual(['shapeType', 'area']);
    const info = result.diagnostics.filter((d) => d.code === 'union-without-subtypes');
    expect(info.map((d) => [d.severity, d.location])).toEqual([['info', at('Shape')]]);
  });

  it('lets everything that names the base see the union, and counts unions', () => {
    const { pkg, result } = run();
    const props = objectOf(pkg, 'WidgetProperties').properties;
    expect(resolve(pkg, props.find((p) => p.armName === 'linkedService')!.type)?.kind).toBe('union');
    const policies = props.find((p) => p.armName === 'policies')!.type;
    expect(policies.kind === 'array' && resolve(pkg, policies.items)?.kind).toBe('union');
    expect(pkg.resources.find((r) => r.armType === 'Microsoft.Test/jobs')?.putType).toEqual({ kind: 'ref', name: 'Job' });
    // LinkedService, PolicyInput, HyperVPolicyInput, RuleSet, Job.
    expect(result.counts.unions).toBe(5);
  });

  it('does not mutate its input and shares what it does not change', () => {
    const { merged, before, pkg } = run();
    expect(merged).toEqual(before);
    const input = onlyPackage(merged);
    expect(pkg.types.WidgetProperties).toBe(input.types.WidgetProperties);
    expect(pkg.types.Resource).toBe(input.types.Resource);
    expect(pkg.resources).toBe(input.resources);
  });

  it('requires merge-allof', () => {
    expect(discriminatedUnionsStage.requires).toEqual(['merge-allof']);
    const loaded = loadFixture('pipeline/discriminated-unions');
    expect(() => runStages(loaded.model, [discriminatedUnionsStage])).toThrow(/requires merge-allof/);
  });
});

describe.skipIf(!hasAzureSpecs)('discriminated-unions on the real specs', () => {
  it('makes unions of Microsoft.DataFactory 2018-06-01 LinkedService, Dataset and Activity', () => {
    const result = runStages(loadAzure('Microsoft.DataFactory', '2018-06-01').model, [mergeAllOfStage, discriminatedUnionsStage]);
    const pkg = onlyPackage(result.model);
    const linked = union(pkg, 'LinkedService');
    expect(linked.discriminator).toBe('type');
    expect(linked.variants.length).toBeGreaterThan(50);
    expect(linked.variants).toContainEqual({ value: 'AzureBlobStorage', name: 'azureBlobStorageLinkedService', type: { kind: 'ref', name: 'AzureBlobStorageLinkedService' } });
    const values = linked.variants.map((v) => v.value);
    expect(values).toEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(linked.variants.map((v) => v.name)).size).toBe(linked.variants.length);
    expect(names(objectOf(pkg, 'AzureBlobStorageLinkedService'))).not.toContain('type');
    expect(objectOf(pkg, 'AzureBlobStorageLinkedService').properties.find((p) => p.armName === 'typeProperties')?.required).toBe(true);

    expect(union(pkg, 'Dataset').variants).toContainEqual({ value: 'AzureBlob', name: 'azureBlobDataset', type: { kind: 'ref', name: 'AzureBlobDataset' } });
    // Activity → ExecutionActivity → CopyActivity: both levels are variants of the root.
    const activity = union(pkg, 'Activity').variants;
    expect(activity).toContainEqual({ value: 'Execution', name: 'executionActivity', type: { kind: 'ref', name: 'ExecutionActivity' } });
    expect(activity).toContainEqual({ value: 'Copy', name: 'copyActivity', type: { kind: 'ref', name: 'CopyActivity' } });
    expect(names(objectOf(pkg, 'CopyActivity')).slice(0, 6)).toEqual(['name', 'description', 'dependsOn', 'userProperties', 'linkedServiceName', 'policy']);
    expect(result.counts.unions).toBeGreaterThanOrEqual(3);
  });
});

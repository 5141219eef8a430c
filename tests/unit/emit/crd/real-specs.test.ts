/**
 * The CRD emitter on real specs (skipped without ../shared/azure-rest-api-specs): four namespaces
 * through the `aso` stages, every CRD checked again from its YAML, sizes printed, and sample
 * objects validated against the schemas with ajv.
 */
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCrds, checkCrd, ETCD_OBJECT_LIMIT_BYTES, kindsOf, type CrdResult, type CustomResourceDefinition } from '../../../../generator/emit/crd/index.js';
import type { Model } from '../../../../generator/model/types.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { hasAzureSpecs, loadAzure, runStages } from '../../../helpers.js';
import { recordingContext, validatorOf, type RecordingContext } from './helpers.js';

const NAMESPACES: [string, string][] = [
  ['Microsoft.Storage', '2021-04-01'],
  ['Microsoft.Network', '2021-02-01'],
  ['Microsoft.Compute', '2021-03-01'],
  ['Microsoft.ContainerService', '2021-05-01'],
];

interface Run {
  model: Model;
  results: CrdResult[];
  context: RecordingContext;
}

const runs = new Map<string, Run>();

function crdOf(result: CrdResult): CustomResourceDefinition {
  return load(result.file!.content) as CustomResourceDefinition;
}

function schemaOf(namespace: string, kind: string) {
  const result = runs.get(namespace)!.results.find((r) => r.kind === kind);
  if (!result?.file) throw new Error(`no CRD for ${kind}`);
  return crdOf(result).spec.versions[0].schema.openAPIV3Schema;
}

describe.skipIf(!hasAzureSpecs)('crd emitter on real specs', () => {
  beforeAll(() => {
    for (const [namespace, version] of NAMESPACES) {
      const { model } = loadAzure(namespace, version);
      const final = runStages(model, [...asoStages]).model;
      const context = recordingContext();
      runs.set(namespace, { model: final, results: buildCrds(final, context), context });
    }
  });

  it('writes a CRD for every kind: none fails the structural check or the size limit', () => {
    for (const [namespace] of NAMESPACES) {
      const { model, results, context } = runs.get(namespace)!;
      expect(results.length, namespace).toBe(kindsOf(model).length);
      expect(results.length, namespace).toBeGreaterThan(3);
      const errors = context.diagnostics.items.filter((d) => d.severity === 'error');
      expect(errors, namespace).toEqual([]);
      expect(context.diagnostics.items.filter((d) => d.code === 'crd-not-structural')).toEqual([]);
      expect(results.filter((r) => !r.file).map((r) => r.kind), namespace).toEqual([]);
      expect(context.counts.crds).toBe(results.length);
    }
  });

  it('every CRD, read back from its YAML, passes the API server checks and has exactly one storage version', () => {
    for (const [namespace] of NAMESPACES) {
      for (const result of runs.get(namespace)!.results) {
        const crd = crdOf(result);
        expect(checkCrd(crd), `${namespace} ${result.kind}`).toEqual([]);
        expect(crd.spec.versions.filter((v) => v.storage).length, result.kind).toBe(1);
        expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${crd.spec.group}`);
      }
    }
  });

  it('prints the sizes; every CRD stays under 1.5 MiB, with all its descriptions', () => {
    const rows: { namespace: string; kind: string; yamlBytes: number; jsonBytes: number }[] = [];
    for (const [namespace] of NAMESPACES) {
      for (const r of runs.get(namespace)!.results) {
        rows.push({ namespace, kind: r.kind, yamlBytes: r.yamlBytes!, jsonBytes: r.jsonBytes! });
        expect(Math.max(r.yamlBytes!, r.jsonBytes!), r.kind).toBeLessThanOrEqual(ETCD_OBJECT_LIMIT_BYTES);
        expect(r.descriptionsDropped, r.kind).toBeUndefined();
      }
    }
    rows.sort((a, b) => b.yamlBytes - a.yamlBytes);
    const table = rows.slice(0, 15).map((r) => `${String(r.yamlBytes).padStart(9)} ${String(r.jsonBytes).padStart(9)}  ${r.namespace} ${r.kind}`);
    const totals = NAMESPACES.map(([ns]) => {
      const { counts } = runs.get(ns)!.context;
      return `${ns}: ${counts.crds} CRDs, ${counts.crdBytes} bytes, largest ${counts['crdBytes.max']}`;
    });
    console.log(['CRD sizes (largest 15):', '     YAML      JSON  kind', ...table, ...totals].join('\n'));
    const overKubectl = rows.filter((r) => Math.max(r.yamlBytes, r.jsonBytes) > 262_144).map((r) => r.kind);
    const warned = NAMESPACES.flatMap(([ns]) => runs.get(ns)!.context.diagnostics.items.filter((d) => d.code === 'crd-over-kubectl-apply-limit'));
    expect(warned.length).toBe(overKubectl.length);
  });

  it('a VirtualNetworksSubnet with owner, addressPrefix and a networkSecurityGroup reference validates; wrong ones do not', () => {
    const validate = validatorOf(schemaOf('Microsoft.Network', 'VirtualNetworksSubnet'));
    const subnet = {
      apiVersion: 'network.azure.com/v20210201',
      kind: 'VirtualNetworksSubnet',
      metadata: { name: 'subnet-a', namespace: 'default' },
      spec: {
        owner: { name: 'vnet-a' },
        addressPrefix: '10.0.0.0/24',
        networkSecurityGroup: { group: 'network.azure.com', kind: 'NetworkSecurityGroup', name: 'nsg-a' },
        routeTable: { armId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt' },
      },
    };
    expect(validate(subnet), JSON.stringify(validate.errors)).toBe(true);
    const wrong: Record<string, unknown>[] = [
      { addressPrefix: 10 },
      { addressPrefixes: '10.0.0.0/24' },
      { networkSecurityGroup: { name: 'nsg-a' } },
      { networkSecurityGroup: 'nsg-a' },
      { owner: { name: 'vnet-a', kind: 'NetworkSecurityGroup' } },
      { owner: {} },
    ];
    for (const change of wrong) expect(validate({ ...subnet, spec: { ...subnet.spec, ...change } }), JSON.stringify(change)).toBe(false);
    const { owner: _owner, ...withoutOwner } = subnet.spec;
    expect(validate({ ...subnet, spec: withoutOwner })).toBe(false);
  });

  it('a StorageAccount and a ManagedCluster sample validate; wrong enum values and types do not', () => {
    const account = validatorOf(schemaOf('Microsoft.Storage', 'StorageAccount'));
    const sa = { spec: { owner: { name: 'rg' }, location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' }, accessTier: 'Hot', tags: { team: 'a' } } };
    expect(account(sa), JSON.stringify(account.errors)).toBe(true);
    // sku.name is an open enum (documented, not enforced); accessTier is closed.
    expect(account({ spec: { ...sa.spec, sku: { name: 'Huge' } } })).toBe(true);
    expect(account({ spec: { ...sa.spec, accessTier: 'Lukewarm' } })).toBe(false);
    expect(account({ spec: { ...sa.spec, sku: {} } })).toBe(false);
    expect(account({ spec: { ...sa.spec, tags: { team: 1 } } })).toBe(false);
    const cluster = validatorOf(schemaOf('Microsoft.ContainerService', 'ManagedCluster'));
    const mc = { spec: { owner: { name: 'rg' }, location: 'westeurope', dnsPrefix: 'mc', agentPoolProfiles: [{ name: 'pool', count: 3, vmSize: 'Standard_D2_v2' }] } };
    expect(cluster(mc), JSON.stringify(cluster.errors)).toBe(true);
    expect(cluster({ spec: { ...mc.spec, agentPoolProfiles: [{ name: 'pool', count: 'three' }] } })).toBe(false);
  });
});

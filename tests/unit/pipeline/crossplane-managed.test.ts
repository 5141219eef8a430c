/**
 * crossplane-managed: each kind becomes a Crossplane managed resource: spec = forProvider,
 * initProvider, managementPolicies, providerConfigRef, deletionPolicy, writeConnectionSecretToRef;
 * status = atProvider, conditions, observedGeneration; cluster-scoped, upjet's columns and
 * categories, a CEL rule per required parameter.
 *
 * Fixture `pipeline/crossplane-managed` (Microsoft.Test 2021-01-01): widgets (location and
 * `namespace` required, a `gadgetId` reference) and gadgets; plus hand-built packages for a status
 * embedded in another type and a kind without a status.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Model, Property, Resource } from '../../../generator/model/types.js';
import { CROSSPLANE_PRINTER_COLUMNS, crossplaneManagedStage } from '../../../generator/pipeline/crossplane-managed.js';
import { onlyPackage } from '../../helpers.js';
import { crossplaneStageAlone, named } from './crossplane-helpers.js';
import { def, propertiesOf, runStageAlone, type StageAloneResult } from './stage-helpers.js';

const ref = (name: string) => ({ kind: 'ref', name });
const STRING = { kind: 'primitive', primitive: 'string' } as const;

describe('crossplane-managed on the fixture', () => {
  let result: StageAloneResult;
  let pkg: ApiPackage;
  let widget: Resource;

  beforeAll(async () => {
    result = await crossplaneStageAlone('pipeline/crossplane-managed', crossplaneManagedStage);
    pkg = onlyPackage(result.model);
    widget = pkg.resources.find((r) => r.kubernetes?.kind === 'Widget')!;
  });

  afterEach(() => expect(result.input).toEqual(result.inputCopy));

  it("wraps the spec: forProvider (required) and the managed resource's fields, with Kubernetes defaults", () => {
    const spec = propertiesOf(pkg, 'Widget_Spec');
    expect(spec.map((p) => [p.name, p.required])).toEqual([
      ['forProvider', true],
      ['initProvider', false],
      ['managementPolicies', false],
      ['providerConfigRef', false],
      ['deletionPolicy', false],
      ['writeConnectionSecretToRef', false],
    ]);
    expect(named(spec, 'forProvider').type).toEqual(ref('Widget_Parameters'));
    expect(named(spec, 'initProvider').type).toEqual(ref('Widget_InitParameters'));
    expect(named(spec, 'managementPolicies')).toMatchObject({
      type: { kind: 'array', items: { kind: 'enum', values: ['Observe', 'Create', 'Update', 'Delete', 'LateInitialize', '*'].map((value) => ({ value })) } },
      kubernetesDefault: ['*'],
    });
    expect(named(spec, 'providerConfigRef')).toMatchObject({ type: ref('CrossplaneReference'), kubernetesDefault: { name: 'default' } });
    expect(named(spec, 'deletionPolicy')).toMatchObject({ type: { kind: 'enum', values: [{ value: 'Orphan' }, { value: 'Delete' }] }, kubernetesDefault: 'Delete' });
    expect(named(spec, 'writeConnectionSecretToRef').type).toEqual(ref('CrossplaneSecretReference'));
    for (const p of spec) expect(p).toMatchObject({ kubernetesOnly: true, annotations: { crossplane: 'resourceSpec' } });
    expect(def(pkg, 'Widget_Spec').description).toBe('A widget.');
  });

  it('moves the old spec to <Kind>_Parameters, every top-level parameter optional', () => {
    const before = propertiesOf(onlyPackage(result.input), 'Widget_Spec');
    const parameters = propertiesOf(pkg, 'Widget_Parameters');
    expect(parameters.map((p) => p.name)).toEqual(before.map((p) => p.name));
    expect(before.filter((p) => p.required).map((p) => p.name)).toEqual(['location', 'namespace']);
    expect(parameters.every((p) => !p.required)).toBe(true);
    expect(def(pkg, 'Widget_Parameters')).toMatchObject({ side: 'spec', description: 'The parameters of the Widget in Azure.' });
  });

  it('gives initProvider the parameters without the identity, Ref and Selector fields', () => {
    expect(propertiesOf(pkg, 'Widget_InitParameters').map((p) => p.name)).toEqual(['location', 'namespace', 'color', 'gadgetId']);
    expect(propertiesOf(pkg, 'Widget_InitParameters').every((p) => !p.required)).toBe(true);
  });

  it('requires each required parameter in forProvider or initProvider with a CEL rule when Crossplane may create or update', () => {
    const acts = "!('*' in self.managementPolicies || 'Create' in self.managementPolicies || 'Update' in self.managementPolicies)";
    expect(widget.kubernetes!.specRules).toEqual([
      { rule: `${acts} || has(self.forProvider.location) || (has(self.initProvider) && has(self.initProvider.location))`, message: 'spec.forProvider.location is a required parameter' },
      // `namespace` is a CEL keyword: Kubernetes gives access to such a field as __namespace__.
      { rule: `${acts} || has(self.forProvider.__namespace__) || (has(self.initProvider) && has(self.initProvider.__namespace__))`, message: 'spec.forProvider.namespace is a required parameter' },
    ]);
    expect(pkg.resources.find((r) => r.kubernetes?.kind === 'Gadget')!.kubernetes!.specRules).toBeUndefined();
  });

  it('wraps the status: atProvider (the old status, as <Kind>_Observation), Crossplane conditions, observedGeneration', () => {
    const status = propertiesOf(pkg, 'Widget_STATUS');
    expect(status.map((p) => p.name)).toEqual(['atProvider', 'conditions', 'observedGeneration']);
    expect(named(status, 'atProvider').type).toEqual(ref('Widget_Observation'));
    expect(named(status, 'conditions')).toMatchObject({ role: 'conditions', type: { kind: 'array', items: ref('CrossplaneCondition') } });
    expect(propertiesOf(pkg, 'Widget_Observation')).toEqual(propertiesOf(onlyPackage(result.input), 'Widget_STATUS'));
    expect(propertiesOf(pkg, 'CrossplaneCondition').filter((p) => p.required).map((p) => p.name)).toEqual(['type', 'status', 'lastTransitionTime', 'reason']);
  });

  it('makes each kind cluster-scoped, in the crossplane categories, with SYNCED, READY, EXTERNAL-NAME and AGE', () => {
    expect(widget.kubernetes).toMatchObject({ specType: 'Widget_Spec', statusType: 'Widget_STATUS', scope: 'Cluster', categories: ['crossplane', 'managed', 'azure'] });
    expect(widget.kubernetes!.printerColumns).toEqual([
      { name: 'SYNCED', type: 'string', jsonPath: ".status.conditions[?(@.type=='Synced')].status" },
      { name: 'READY', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
      { name: 'EXTERNAL-NAME', type: 'string', jsonPath: '.metadata.annotations.crossplane\\.io/external-name' },
      { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]);
    expect(widget.kubernetes!.printerColumns).not.toBe(CROSSPLANE_PRINTER_COLUMNS);
  });

  it("writes a kind's new types right after its spec and status", () => {
    const names = Object.keys(pkg.types);
    const at = names.indexOf('Widget_Spec');
    expect(names.slice(at, at + 5)).toEqual(['Widget_Spec', 'Widget_Parameters', 'Widget_InitParameters', 'Widget_STATUS', 'Widget_Observation']);
    expect(result.counts['crossplane.managedResources']).toBe(2);
  });
});

function prop(name: string, type: Property['type'], required = false): Property {
  return { name, armName: name, type, required, readOnly: false };
}

/** Hand-built: Gadget's status embeds Widget's own status type; Lonely has no status. */
function handModel(): Model {
  const resource = (kind: string, statusType?: string): Resource => ({
    armType: `Microsoft.Test/${kind.toLowerCase()}s`,
    apiVersion: '2021-01-01',
    scope: 'resourceGroup',
    urlTemplate: `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Test/${kind.toLowerCase()}s/{name}`,
    source: { file: 'test.json', pointer: `/paths/${kind}` },
    kubernetes: { group: 'test.azure.com', version: 'v20210101', kind, specType: `${kind}_Spec`, ...(statusType && { statusType }) },
  });
  return {
    packages: [
      {
        id: 'hand',
        namespace: 'Microsoft.Test',
        apiVersion: '2021-01-01',
        stability: 'stable',
        files: [],
        types: {
          Widget_Spec: { name: 'Widget_Spec', side: 'spec', type: { kind: 'object', properties: [prop('size', STRING)] } },
          Widget_STATUS: { name: 'Widget_STATUS', side: 'status', type: { kind: 'object', properties: [prop('size', STRING)] } },
          Gadget_Spec: { name: 'Gadget_Spec', side: 'spec', type: { kind: 'object', properties: [prop('color', STRING)] } },
          Gadget_STATUS: { name: 'Gadget_STATUS', side: 'status', type: { kind: 'object', properties: [prop('widgets', { kind: 'array', items: ref('Widget_STATUS') } as Property['type'])] } },
          Lonely_Spec: { name: 'Lonely_Spec', side: 'spec', type: { kind: 'object', properties: [] } },
        },
        resources: [resource('Widget', 'Widget_STATUS'), resource('Gadget', 'Gadget_STATUS'), resource('Lonely')],
      },
    ],
  };
}

describe('crossplane-managed on hand-built packages', () => {
  it("points what referred to a kind's status at its observation, not at the new wrapper", () => {
    const pkg = onlyPackage(runStageAlone(crossplaneManagedStage, handModel()).model);
    expect(named(propertiesOf(pkg, 'Gadget_Observation'), 'widgets').type).toEqual({ kind: 'array', items: ref('Widget_Observation') });
    expect(named(propertiesOf(pkg, 'Widget_STATUS'), 'atProvider').type).toEqual(ref('Widget_Observation'));
  });

  it('gives a kind without a status one with conditions only', () => {
    const pkg = onlyPackage(runStageAlone(crossplaneManagedStage, handModel()).model);
    const lonely = pkg.resources.find((r) => r.kubernetes?.kind === 'Lonely')!;
    expect(lonely.kubernetes!.statusType).toBe('Lonely_STATUS');
    expect(propertiesOf(pkg, 'Lonely_STATUS').map((p) => p.name)).toEqual(['conditions', 'observedGeneration']);
  });
});

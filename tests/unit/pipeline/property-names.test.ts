import { describe, expect, it } from 'vitest';
import type { ApiPackage, Model } from '../../../generator/model/types.js';
import { kubernetesName, propertyNamesStage } from '../../../generator/pipeline/property-names.js';
import { onlyPackage } from '../../helpers.js';
import { propertiesOf, runStageAlone, stageAlone } from './stage-helpers.js';

const FIXTURE = 'pipeline/property-names';
const FILE = 'specification/test/resource-manager/Microsoft.Test/stable/2021-01-01/test.json';
const OVERRIDES = {
  propertyOverrides: [{ group: 'Microsoft.Test', type: 'WidgetProperties', property: 'tier', rename: 'widgetTier', description: 'The pricing tier of the widget.' }],
};

const names = (pkg: ApiPackage, typeName: string) => propertiesOf(pkg, typeName).map((p) => [p.name, p.armName]);

describe('kubernetesName', () => {
  it('camel-cases and makes identifiers', () => {
    expect(kubernetesName('IPAddress')).toBe('ipAddress');
    expect(kubernetesName('VNetName')).toBe('vNetName');
    expect(kubernetesName('max_size')).toBe('maxSize');
    expect(kubernetesName('@odata.type')).toBe('odataType');
    expect(kubernetesName('$type')).toBe('type');
    expect(kubernetesName('2fa')).toBe('_2fa');
    expect(kubernetesName('$')).toBe('property');
    // Names earlier stages chose stay as they are.
    for (const kept of ['reference', 'subnetReference', 'azureName', 'owner', 'conditions']) expect(kubernetesName(kept)).toBe(kept);
  });
});

describe('property-names', () => {
  it('names spec and status properties in camelCase, with config renames and descriptions', async () => {
    const { model } = await stageAlone(FIXTURE, propertyNamesStage, OVERRIDES);
    const pkg = onlyPackage(model);
    expect(names(pkg, 'Widget_Spec')).toEqual([
      ['azureName', 'name'],
      ['owner', 'owner'],
      ['location', 'location'],
      ['ipAddress', 'IPAddress'],
      ['vNetName', 'VNetName'],
      ['maxSize', 'max_size'],
      ['scanInterval', 'scan-interval'],
      ['widgetTier', 'tier'],
      ['armOwner', 'owner'],
      ['settings', 'settings'],
    ]);
    expect(names(pkg, 'Widget_STATUS')).toEqual([
      ['id', 'id'],
      ['name', 'name'],
      ['type', 'type'],
      ['location', 'location'],
      ['ipAddress', 'IPAddress'],
      ['vNetName', 'VNetName'],
      ['maxSize', 'max_size'],
      ['scanInterval', 'scan-interval'],
      ['widgetTier', 'tier'],
      ['owner', 'owner'],
      ['settings', 'settings'],
      ['provisioningState', 'provisioningState'],
    ]);
    const tier = propertiesOf(pkg, 'Widget_Spec').find((p) => p.armName === 'tier')!;
    expect(tier.description).toBe('The pricing tier of the widget.');
    expect(tier.annotations).toEqual({ renamed: 'config' });
    expect(tier.declaredIn).toBe('WidgetProperties');
    expect(tier.armPath).toEqual(['properties', 'tier']);
  });

  it('resolves collisions deterministically: later properties get the first free suffix', async () => {
    const { model } = await stageAlone(FIXTURE, propertyNamesStage, OVERRIDES);
    const pkg = onlyPackage(model);
    const expected = [
      ['odataType', '@odata.type'],
      ['odataType2', 'odataType'],
      ['mode', 'mode'],
      ['mode3', 'Mode'],
      ['mode2', 'mode2'],
    ];
    expect(names(pkg, 'WidgetSettings')).toEqual(expected);
    expect(names(pkg, 'WidgetSettings_STATUS')).toEqual(expected);
    expect(propertiesOf(pkg, 'WidgetSettings')[3].annotations).toEqual({ renamed: 'collision' });
  });

  it('reports invalid names and collisions once per location, and counts renames', async () => {
    const { diagnostics, counts, overrides } = await stageAlone(FIXTURE, propertyNamesStage, OVERRIDES);
    const at = (property: string, definition = 'WidgetProperties') => ({ file: FILE, pointer: `/definitions/${definition}/properties/${property}` });
    expect(diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
      ['property-name-invalid', 'info', at('@odata.type', 'WidgetSettings')],
      ['property-name-collision', 'warning', at('odataType', 'WidgetSettings')],
      ['property-name-collision', 'warning', at('Mode', 'WidgetSettings')],
      ['property-name-invalid', 'info', at('scan-interval')],
      ['property-name-collision', 'warning', at('owner')],
    ]);
    // Spec and status: IPAddress, VNetName, max_size, scan-interval, tier (×2 each), armOwner,
    // and in both settings types @odata.type, odataType, Mode.
    expect(counts.propertiesRenamed).toBe(17);
    expect(counts.descriptionsOverridden).toBe(2);
    expect(overrides.unused()).toEqual([]);
  });

  it('does not mutate its input', async () => {
    const { input, inputCopy, model } = await stageAlone(FIXTURE, propertyNamesStage, OVERRIDES);
    expect(model).not.toBe(input);
    expect(input).toEqual(inputCopy);
  });

  it('names union variants too', () => {
    const pkg: ApiPackage = {
      id: 'test',
      namespace: 'Microsoft.Test',
      apiVersion: '2021-01-01',
      stability: 'stable',
      files: [],
      resources: [
        {
          armType: 'Microsoft.Test/shapes',
          apiVersion: '2021-01-01',
          scope: 'resourceGroup',
          urlTemplate: '/x',
          source: { file: 'test.json', pointer: '/paths' },
          kubernetes: { group: 'test.azure.com', version: 'v20210101', kind: 'Shape', specType: 'Shape_Spec' },
        },
      ],
      types: {
        Shape_Spec: {
          name: 'Shape_Spec',
          side: 'spec',
          source: { file: 'test.json', pointer: '/definitions/Shape' },
          type: {
            kind: 'union',
            discriminator: 'kind',
            variants: [
              { value: 'Circle', name: '@odata.circle', type: { kind: 'any' } },
              { value: 'circle', name: 'odataCircle', type: { kind: 'any' } },
              { value: 'Square', name: 'square', type: { kind: 'any' } },
            ],
          },
        },
      },
    };
    const model: Model = { packages: [pkg] };
    const copy = structuredClone(model);
    const { model: out, diagnostics } = runStageAlone(propertyNamesStage, model);
    const union = out.packages[0].types.Shape_Spec.type;
    expect(union.kind === 'union' && union.variants.map((v) => [v.name, v.value])).toEqual([
      ['odataCircle', 'Circle'],
      ['odataCircle2', 'circle'],
      ['square', 'Square'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([['property-name-collision', '/definitions/Shape']]);
    expect(model).toEqual(copy);
  });
});

import { describe, expect, it } from 'vitest';
import { secretsStage } from '../../../generator/pipeline/secrets.js';
import { hasAzureSpecs, loadAzure, onlyPackage, runStages } from '../../helpers.js';
import { prop, propertiesOf, stageAlone } from './stage-helpers.js';

const FIXTURE = 'pipeline/secrets';
const FILE = 'specification/test/resource-manager/Microsoft.Test/stable/2021-01-01/test.json';
const OVERRIDES = {
  propertyOverrides: [
    { group: 'Microsoft.Test', type: 'WidgetProperties', property: 'sessionToken', secret: true },
    { type: 'WidgetProperties', property: 'displayKey', secret: false },
  ],
};

describe('secrets', () => {
  it('turns x-ms-secret, format: password, credential-named and config-forced spec properties into secret references', async () => {
    const { model } = await stageAlone(FIXTURE, secretsStage, OVERRIDES);
    const pkg = onlyPackage(model);
    const secret = (name: string) => {
      const p = prop(pkg, 'Widget_Spec', name);
      return { type: p.type, reason: p.annotations?.secret };
    };
    expect(secret('adminPassword')).toEqual({ type: { kind: 'secretRef' }, reason: 'x-ms-secret' });
    // `format: password` through the named alias `Password`.
    expect(secret('connectionPassword')).toEqual({ type: { kind: 'secretRef' }, reason: 'format' });
    expect(secret('apiKeys')).toEqual({ type: { kind: 'array', items: { kind: 'secretRef' } }, reason: 'x-ms-secret' });
    expect(secret('namedSecrets')).toEqual({ type: { kind: 'map', values: { kind: 'secretRef' } }, reason: 'format' });
    expect(secret('sessionToken')).toEqual({ type: { kind: 'secretRef' }, reason: 'config' });
    // The config wins over x-ms-secret.
    expect(secret('displayKey')).toEqual({ type: { kind: 'primitive', primitive: 'string' }, reason: undefined });
    // No x-ms-secret, but a credential by the credential rule (its name, a string).
    expect(secret('sharedKey')).toEqual({ type: { kind: 'secretRef' }, reason: 'name' });
    expect(secret('adminUsername').reason).toBeUndefined();
    // Lifted properties keep what flattening recorded.
    expect(prop(pkg, 'Widget_Spec', 'adminPassword')).toMatchObject({ declaredIn: 'WidgetProperties', annotations: { secret: 'x-ms-secret' } });
    expect(prop(pkg, 'Widget_Spec', 'adminPassword').annotations).toEqual({ secret: 'x-ms-secret' });
    expect(prop(pkg, 'Widget_Spec', 'adminPassword').armPath).toEqual(['properties', 'adminPassword']);
    // arm-references took it for an ID (`signingKeyReference`): a secret gets its name back.
    const signingKey = prop(pkg, 'Widget_Spec', 'signingKeyId');
    expect(signingKey.type).toEqual({ kind: 'secretRef' });
    expect(signingKey.annotations).toEqual({ secret: 'x-ms-secret' });
    expect(signingKey.declaredIn).toBe('WidgetProperties');
    // Nested spec types too.
    expect(prop(pkg, 'WidgetCredentials', 'clientSecret').type).toEqual({ kind: 'secretRef' });
    expect(prop(pkg, 'WidgetCredentials', 'username').type).toEqual({ kind: 'primitive', primitive: 'string' });
  });

  it('removes secrets from the status types', async () => {
    const { model } = await stageAlone(FIXTURE, secretsStage, OVERRIDES);
    const pkg = onlyPackage(model);
    expect(propertiesOf(pkg, 'Widget_STATUS').map((p) => p.name)).toEqual([
      'id',
      'name',
      'type',
      'location',
      'adminUsername',
      'displayKey',
      'credentials',
      'provisioningState',
    ]);
    expect(propertiesOf(pkg, 'WidgetCredentials_STATUS').map((p) => p.name)).toEqual(['username']);
    // Their ARM keys are withheld from any pass-through of extra keys.
    const credentials = pkg.types.WidgetCredentials_STATUS.type;
    expect(credentials.kind === 'object' && credentials.withheldKeys).toEqual(['clientSecret']);
  });

  it('counts the secrets and reports candidates and secrets that are not strings, with their location', async () => {
    const { diagnostics, counts, overrides } = await stageAlone(FIXTURE, secretsStage, OVERRIDES);
    expect(counts.secrets).toBe(8);
    expect(counts['secrets.byName']).toBe(1);
    expect(counts['secrets.removedFromStatus']).toBe(9);
    expect(counts['secrets.byName.removedFromStatus']).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
      ['secret-not-string', 'warning', { file: FILE, pointer: '/definitions/WidgetProperties/properties/protectedSettings' }],
    ]);
    expect(overrides.unused()).toEqual([]);
  });

  it('without config, the x-ms-secret property the config turned off becomes a secret and the forced one stays a string', async () => {
    const { model, counts } = await stageAlone(FIXTURE, secretsStage);
    const pkg = onlyPackage(model);
    expect(prop(pkg, 'Widget_Spec', 'displayKey').type).toEqual({ kind: 'secretRef' });
    expect(prop(pkg, 'Widget_Spec', 'sessionToken').type).toEqual({ kind: 'primitive', primitive: 'string' });
    expect(counts.secrets).toBe(8);
  });

  it('does not mutate its input', async () => {
    const { input, inputCopy, model } = await stageAlone(FIXTURE, secretsStage, OVERRIDES);
    expect(model).not.toBe(input);
    expect(input).toEqual(inputCopy);
  });

  it.skipIf(!hasAzureSpecs)('Microsoft.Compute 2021-03-01: OSProfile.adminPassword is a secret by the credential rule (no config), gone from the status; config secret: false keeps it a string', async () => {
    // The 2021-03-01 spec has no x-ms-secret and no format: password anywhere (checked): only
    // the name says adminPassword is a credential (ASO makes it a secret reference too).
    const { asoStagesThrough } = await import('../../helpers.js');
    const stages = await asoStagesThrough('secrets');
    const loaded = loadAzure('Microsoft.Compute', '2021-03-01');
    const plain = runStages(loaded.model, stages);
    const pkg = onlyPackage(plain.model);
    const vm = pkg.resources.find((r) => r.armType === 'Microsoft.Compute/virtualMachines')!;
    const osProfile = prop(pkg, vm.kubernetes!.specType!, 'osProfile').type;
    expect(osProfile).toEqual({ kind: 'ref', name: 'OSProfile' });
    const adminPassword = prop(pkg, 'OSProfile', 'adminPassword');
    expect(adminPassword.type).toEqual({ kind: 'secretRef' });
    expect(adminPassword.annotations?.secret).toBe('name');
    expect(propertiesOf(pkg, 'OSProfile_STATUS').some((p) => p.armName === 'adminPassword')).toBe(false);
    expect(propertiesOf(pkg, 'OSProfile_STATUS').some((p) => p.armName === 'adminUsername')).toBe(true);
    expect(plain.diagnostics.some((d) => d.code === 'secret-candidate' && d.location?.pointer === '/definitions/OSProfile/properties/adminPassword')).toBe(false);

    const configured = runStages(loaded.model, stages, {
      options: { propertyOverrides: [{ group: 'Microsoft.Compute', type: 'OSProfile', property: 'adminPassword', secret: false }] },
    });
    const cpkg = onlyPackage(configured.model);
    expect(prop(cpkg, 'OSProfile', 'adminPassword').type).toEqual({ kind: 'primitive', primitive: 'string' });
    expect(propertiesOf(cpkg, 'OSProfile_STATUS').some((p) => p.armName === 'adminPassword')).toBe(true);
  });
});

/**
 * crossplane-secrets: secret inputs become `<field>SecretRef` (a key of a Secret: name,
 * namespace, key); strings named and described like secrets are taken too, and leave the status.
 *
 * Fixture `pipeline/crossplane-secrets` (Microsoft.Test 2021-01-01), widget properties:
 * `adminPassword` (described as a password, nothing marks it), `apiKey` (x-ms-secret),
 * `recoveryPasswords` (a list of format: password), `namedSecrets` (a map of format: password),
 * `sshPublicKey` (public), `storageKey` (named and described like a secret, not one: the config
 * says so), `credentials.clientSecret` (one object down), and the read-only `primaryKey`.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Property } from '../../../generator/model/types.js';
import { crossplaneSecretsStage } from '../../../generator/pipeline/crossplane-secrets.js';
import { onlyPackage } from '../../helpers.js';
import { crossplaneStageAlone, named, specProperties } from './crossplane-helpers.js';
import { propertiesOf, type StageAloneResult } from './stage-helpers.js';

const FIXTURE = 'pipeline/crossplane-secrets';
const KEY_SELECTOR = { kind: 'ref', name: 'CrossplaneSecretKeySelector' };
const STORAGE_KEY_IS_NO_SECRET = { propertyOverrides: [{ group: 'Microsoft.Test', property: 'storageKey', secret: false }] };

describe('crossplane-secrets on the fixture', () => {
  let result: StageAloneResult;
  let pkg: ApiPackage;
  let spec: Property[];
  let status: Property[];

  beforeAll(async () => {
    result = await crossplaneStageAlone(FIXTURE, crossplaneSecretsStage, STORAGE_KEY_IS_NO_SECRET);
    pkg = onlyPackage(result.model);
    spec = specProperties(pkg, 'Widget');
    status = propertiesOf(pkg, 'Widget_STATUS');
  });

  afterEach(() => expect(result.input).toEqual(result.inputCopy));

  it('turns a secret the specs mark into <field>SecretRef, a SecretKeySelector, keeping the ARM name', () => {
    expect(named(spec, 'apiKeySecretRef')).toMatchObject({ armName: 'apiKey', armPath: ['properties', 'apiKey'], type: KEY_SELECTOR, annotations: { secret: 'x-ms-secret' } });
    expect(spec.map((p) => p.name)).not.toContain('apiKey');
  });

  it('takes a string named and described like a secret for one, in specs at any depth', () => {
    // The `secrets` stage takes both by the credential rule (credential-rule.ts) before this stage runs.
    expect(named(spec, 'adminPasswordSecretRef')).toMatchObject({ armName: 'adminPassword', type: KEY_SELECTOR, annotations: { secret: 'name' } });
    expect(named(propertiesOf(pkg, 'WidgetCredentials'), 'clientSecretSecretRef').type).toEqual(KEY_SELECTOR);
    expect(result.counts['crossplane.secretsByName']).toBeUndefined();
  });

  it('gives a list SecretRefs and a map a whole Secret', () => {
    expect(named(spec, 'recoveryPasswordsSecretRefs').type).toEqual({ kind: 'array', items: KEY_SELECTOR });
    expect(named(spec, 'namedSecretsSecretRef').type).toEqual({ kind: 'ref', name: 'CrossplaneSecretReference' });
  });

  it('keeps public keys, and what the config says is no secret, as strings in spec and status', () => {
    for (const name of ['sshPublicKey', 'storageKey', 'adminUsername']) {
      expect(named(spec, name).type).toEqual({ kind: 'primitive', primitive: 'string' });
      expect(named(status, name).type).toEqual({ kind: 'primitive', primitive: 'string' });
    }
  });

  it('removes sensitive outputs from the status, secrets the specs do not mark included', () => {
    const names = status.map((p) => p.name);
    for (const gone of ['adminPassword', 'apiKey', 'primaryKey', 'recoveryPasswords', 'namedSecrets']) expect(names).not.toContain(gone);
    expect(propertiesOf(pkg, 'WidgetCredentials_STATUS').map((p) => p.name)).toEqual(['username']);
    // `secrets` removed them already (the credential rule); nothing is left for this stage to remove.
    expect(result.counts['crossplane.sensitiveOutputsRemoved']).toBeUndefined();
  });

  it('adds SecretKeySelector {name, namespace, key} and SecretReference {name, namespace}, all required', () => {
    expect(propertiesOf(pkg, 'CrossplaneSecretKeySelector').map((p) => [p.name, p.required])).toEqual([
      ['name', true],
      ['namespace', true],
      ['key', true],
    ]);
    expect(propertiesOf(pkg, 'CrossplaneSecretReference').map((p) => [p.name, p.required])).toEqual([
      ['name', true],
      ['namespace', true],
    ]);
  });
});

describe('crossplane-secrets without the override', () => {
  it('takes storageKey (named and described like an account key) for a secret', async () => {
    const { model } = await crossplaneStageAlone(FIXTURE, crossplaneSecretsStage);
    const pkg = onlyPackage(model);
    expect(named(specProperties(pkg, 'Widget'), 'storageKeySecretRef').armName).toBe('storageKey');
    expect(propertiesOf(pkg, 'Widget_STATUS').map((p) => p.name)).not.toContain('storageKey');
  });
});

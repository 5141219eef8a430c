/**
 * The credential rule (generator/pipeline/credential-rule.ts): the names it takes for
 * credentials, the names it leaves alone, and the types it accepts.
 */
import { describe, expect, it } from 'vitest';
import type { ApiPackage, Property, Type } from '../../../generator/model/types.js';
import { isCredential, isCredentialName } from '../../../generator/pipeline/credential-rule.js';

const STRING: Type = { kind: 'primitive', primitive: 'string' };

function pkgWith(types: Record<string, Type> = {}): ApiPackage {
  return {
    id: 'p',
    namespace: 'Microsoft.Test',
    apiVersion: '2021-01-01',
    stability: 'stable',
    files: [],
    resources: [],
    types: Object.fromEntries(Object.entries(types).map(([name, type]) => [name, { name, type }])),
  };
}

const prop = (armName: string, type: Type = STRING): Property => ({ name: armName, armName, type, required: false, readOnly: false });

describe('credential rule: names', () => {
  it.each([
    'password', 'adminPassword', 'administratorLoginPassword', 'passwords', 'recoveryPasswords', 'secret', 'clientSecret', 'serverAppSecret',
    'primaryKey', 'secondaryKey', 'accessKey', 'storageAccessKey', 'sharedAccessKey', 'accountKey', 'storageAccountKey', 'sharedKey',
    'primaryMasterKey', 'secondaryKeys', 'connectionString', 'storageConnectionString', 'connectionStrings', 'admin_password', 'CLIENT_SECRET',
  ])('%s is a credential name', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    'passwordAuthenticationDisabled', 'disablePasswordAuthentication', 'keyName', 'keyVaultUri', 'keySource', 'keyType', 'keyId', 'keyUrl',
    'secretName', 'secretUrl', 'secretUri', 'primaryKeyId', 'passwordProfile', 'key', 'keys', 'publicKey', 'sshPublicKey', 'partitionKey',
    'sortKey', 'encryptionKey', 'customerManagedKey', 'keyVaultKey', 'primaryKeyVersion', 'connectionStringName', 'adminUsername', 'monkey',
  ])('%s is not', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('credential rule: types', () => {
  it('takes strings, lists and maps of strings, through named aliases, with no format or byte/password', () => {
    const pkg = pkgWith({ Password: { kind: 'primitive', primitive: 'string', format: 'password' } });
    expect(isCredential(pkg, prop('adminPassword'))).toBe(true);
    expect(isCredential(pkg, prop('adminPassword', { kind: 'ref', name: 'Password' }))).toBe(true);
    expect(isCredential(pkg, prop('primaryKey', { kind: 'primitive', primitive: 'string', format: 'byte' }))).toBe(true);
    expect(isCredential(pkg, prop('passwords', { kind: 'array', items: STRING }))).toBe(true);
    expect(isCredential(pkg, prop('connectionStrings', { kind: 'map', values: STRING }))).toBe(true);
  });

  it('leaves booleans, numbers, enums, objects, arrays of objects, free-form and other formats alone', () => {
    const pkg = pkgWith({ Profile: { kind: 'object', properties: [prop('password')] } });
    const not: Type[] = [
      { kind: 'primitive', primitive: 'boolean' },
      { kind: 'primitive', primitive: 'integer' },
      { kind: 'enum', base: 'string', values: [{ value: 'Enabled' }], open: false },
      { kind: 'ref', name: 'Profile' },
      { kind: 'array', items: { kind: 'ref', name: 'Profile' } },
      { kind: 'any' },
      { kind: 'primitive', primitive: 'string', format: 'uuid' },
      { kind: 'primitive', primitive: 'string', format: 'date-time' },
      { kind: 'primitive', primitive: 'string', format: 'uri' },
      { kind: 'primitive', primitive: 'string', format: 'arm-id' },
    ];
    for (const type of not) expect(isCredential(pkg, prop('adminPassword', type)), JSON.stringify(type)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, hint, loadConfig } from '../../../generator/config/config-file.js';
import { fixturesDir, repoRoot } from '../../helpers.js';

const dir = path.join(fixturesDir, 'config');

describe('the config file', () => {
  it('reads every pipeline option and resolves specs relative to the file', () => {
    const { config, diagnostics } = loadConfig(path.join(dir, 'good.yaml'));
    expect(diagnostics).toEqual([]);
    expect(config.specs).toBe(path.join(fixturesDir, 'some-specs'));
    expect(config.pipeline).toEqual({
      groupSuffix: 'example.org',
      recursionDepth: 3,
      openEnums: 'enforce',
      storageVersion: 'latest',
      propertyOverrides: [{ group: 'Microsoft.Network', type: 'SubnetPropertiesFormat', property: 'natGateway', reference: false }],
    });
  });

  it('reports unknown keys with a hint, bad values, and overrides without a property, each at its pointer', () => {
    const file = path.join(dir, 'typo.yaml');
    const { config, diagnostics } = loadConfig(file);
    const seen = diagnostics.map((d) => [d.code, d.location?.pointer, d.message]);
    expect(seen).toEqual([
      ['config-unknown-key', '/groupSufix', expect.stringMatching(/^unknown key "groupSufix" in the config \(did you mean "groupSuffix"\?\); known keys: specs, target, /)],
      ['config-unknown-key', '/propertyOverrides/1/refrence', expect.stringMatching(/^unknown key "refrence" in propertyOverrides\[1\] \(did you mean "reference"\?\)/)],
      ['config-invalid-value', '/propertyOverrides/2', 'propertyOverrides[2] needs "property"'],
      ['config-invalid-value', '/recursionDepth', 'recursionDepth must be >= 0'],
    ]);
    expect(diagnostics.every((d) => d.location?.file === file && d.severity === 'error')).toBe(true);
    // A config with errors is not applied in part.
    expect(config).toEqual({ pipeline: {} });
  });

  it('is empty without a file, and an error when a named file is missing', () => {
    expect(loadConfig(undefined, dir).config).toEqual({ pipeline: {} });
    const missing = loadConfig('nope.yaml', dir);
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['config-not-found']);
  });

  it('suggests only close keys', () => {
    expect(hint('specz', ['specs', 'groupSuffix'])).toBe(' (did you mean "specs"?)');
    expect(hint('banana', ['specs', 'groupSuffix'])).toBe('');
  });
});

describe('the config file: selection, target, output', () => {
  it('reads resources, versions, target, out, docs and the conversion webhook; selectors carry where they are written', () => {
    const file = path.join(dir, 'selection.yaml');
    const { config, diagnostics } = loadConfig(file);
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({ target: 'crossplane', out: path.join(fixturesDir, 'generated'), docs: false, conversionWebhook: { service: { name: 'webhook', namespace: 'system', port: 9443 } } });
    expect(config.pipeline.versions).toBe('latest');
    expect(config.pipeline.resources).toEqual([
      { group: 'Microsoft.Network', kind: 'VirtualNetwork*', source: { file, pointer: '/resources/0' } },
      { armType: 'Microsoft.Storage/storageAccounts', version: '2021-*', versions: 'all', source: { file, pointer: '/resources/1' } },
    ]);
  });

  it('names each bad selector key, policy and target at its pointer', () => {
    const { diagnostics } = loadConfig(path.join(dir, 'bad-selection.yaml'));
    const seen = diagnostics.map((d) => [d.location?.pointer, d.message]);
    expect(seen).toEqual([
      ['/resources/0/kinds', expect.stringMatching(/^unknown key "kinds" in resources\[0\] \(did you mean "kind"\?\)/)],
      ['/resources/1', 'resources[1] must NOT have fewer than 1 properties'],
      ['/resources/2/versions/1', expect.stringMatching(/^resources\[2\]\.versions\[1\] must match pattern/)],
      ['/target', 'target must be one of aso, crossplane'],
      ['/versions', 'versions must be latest-stable, latest, all, or a list of api-versions'],
    ]);
  });

  it("the repository's armkube.yaml is valid and selects the default set", () => {
    const { config, diagnostics } = loadConfig(path.join(repoRoot, 'armkube.yaml'));
    expect(diagnostics).toEqual([]);
    const types = config.pipeline.resources!.map((r) => r.armType);
    for (const t of ['Microsoft.Resources/resourceGroups', 'Microsoft.Storage/storageAccounts/blobServices/containers', 'Microsoft.Network/virtualNetworks/subnets', 'Microsoft.ContainerService/managedClusters/agentPools', 'Microsoft.ContainerRegistry/registries']) {
      expect(types).toContain(t);
    }
    expect(config.pipeline.resources!.every((r) => r.version !== undefined)).toBe(true);
  });

  it('ships a JSON Schema that is itself valid and documents every key', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8'));
    const ajv = new Ajv({ strict: true, strictTypes: false });
    expect(() => ajv.compile(schema)).not.toThrow();
    for (const [key, value] of Object.entries(schema.properties as Record<string, { description?: string }>)) expect(value.description, key).toBeTruthy();
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hint, loadConfig } from '../../../generator/config/config-file.js';
import { fixturesDir } from '../../helpers.js';

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
      ['config-unknown-key', '/groupSufix', 'unknown key "groupSufix" (did you mean "groupSuffix"?)'],
      ['config-invalid-value', '/recursionDepth', '"recursionDepth" must be a non-negative integer'],
      ['config-unknown-key', '/propertyOverrides/1/refrence', 'unknown override key "refrence" (did you mean "reference"?)'],
      ['config-invalid-value', '/propertyOverrides/2', 'an override needs "property"'],
    ]);
    expect(diagnostics.every((d) => d.location?.file === file && d.severity === 'error')).toBe(true);
    // Valid parts are kept, invalid ones left out.
    expect(config.pipeline.propertyOverrides).toEqual([{ group: 'Microsoft.Network', property: 'subnetId', reference: false }]);
    expect(config.pipeline.recursionDepth).toBeUndefined();
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

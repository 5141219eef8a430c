/**
 * Formats: the CRD keeps those the API server validates, and `armkube validate` checks them the
 * API server's way. The `uri` cases were run through Go 1.26's url.ParseRequestURI (what
 * kube-openapi's `uri` format calls) and agree with it; the date, date-time, uuid and byte cases
 * follow kube-openapi's strfmt (IsDate, IsDateTime, the UUID and base64 patterns).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDate, isDateTime, isRequestUri, keepsFormat, KEPT_FORMATS } from '../../../../generator/emit/crd/formats.js';
import { SchemaBuilder } from '../../../../generator/emit/crd/schema.js';
import { fixturesDir, repoRoot } from '../../../helpers.js';
import { pkgOf, recordingContext } from './helpers.js';

describe('the API server format checks', () => {
  it('uri: url.ParseRequestURI', () => {
    const go: [string, boolean][] = [
      ['https://example.com/path?q=1', true], ['http://example.com:8080/x', true], ['http://example.com:80:90/x', false],
      ['mongodb://a:1,b:2/db', true], ['http://[::1]:80/', true], ['http://[1.2.3.4]/', false], ['http://[fe80::1%25en0]/', true],
      ['http://exa mple.com/', false], ['http://example.com/a b', true], ['/relative/path', true], ['relative/path', false],
      ['mailto:someone@example.com', true], ['*', true], ['', false], [':foo', false], ['http://user:p@ss@host/', true],
      ['http://us er@host/', false], ['http://host/%zz', false], ['http://host/%41', true], ['http://ho%41st/', false],
      ['http://ho%c3%a9st/', true], ['http://hö.st/', true], ['http://host:abc/', false], ['http://host:/', true], ['1http://x', false],
      ['a:b', true], ['http://host?x', true], ['//host/path', true], ['http://{host}/', false],
      ['https://management.azure.com/subscriptions/{id}', true],
    ];
    expect(go.map(([s]) => [s, isRequestUri(s)])).toEqual(go);
  });

  it('date and date-time: strfmt.IsDate and IsDateTime', () => {
    expect(['2024-02-29', '2023-02-29', '2021-13-01', '2021-04-31', '21-01-01', '2021-1-01'].map(isDate)).toEqual([true, false, false, false, false, false]);
    expect(
      ['2021-06-01T10:00:00Z', '2021-06-01T10:00:00.1234567+01:00', '2021-06-01t10:00:00z', '2021-06-01T10:00:00', '2021-06-01 10:00:00Z', '2021-06-01T24:00:00Z', '2021-02-30T10:00:00Z', 'yesterday'].map(isDateTime),
    ).toEqual([true, true, true, false, false, false, false, false]);
  });

  it('uuid (upper case and no dashes allowed), byte (padded base64), int32 and float ranges', () => {
    const s = KEPT_FORMATS.string;
    expect(['6F9619FF-8B86-D011-B42D-00C04FC964FF', '6f9619ff8b86d011b42d00c04fc964ff', 'not-a-uuid', '6f9619ff-8b86-d011-b42d-00c04fc964f'].map(s.uuid)).toEqual([true, true, false, false]);
    expect(['aGVsbG8=', 'aGVsbG8', 'aGk=', '', '****'].map(s.byte)).toEqual([true, false, true, false, false]);
    expect([2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1].map(KEPT_FORMATS.integer.int32)).toEqual([true, false, true, false]);
    expect([3.4e38, 3.5e38].map(KEPT_FORMATS.number.float)).toEqual([true, false]);
  });

  it('keeps string formats on the spec side only, numeric formats on both, and drops the rest', () => {
    expect(keepsFormat('string', 'date-time', 'spec')).toBe(true);
    expect(keepsFormat('string', 'uri', 'spec')).toBe(true);
    expect(keepsFormat('string', 'date-time', 'status')).toBe(false);
    expect(keepsFormat('integer', 'int32', 'status')).toBe(true);
    for (const dropped of ['duration', 'date-time-rfc1123', 'arm-id', 'base64url', 'email', 'password', 'int32']) expect(keepsFormat('string', dropped, 'spec'), dropped).toBe(false);
    expect(keepsFormat('integer', 'unixtime', 'spec')).toBe(false);
    expect(keepsFormat('number', 'decimal', 'spec')).toBe(false);
    expect(keepsFormat('boolean', 'int32', 'spec')).toBe(false);
  });

  it('the schema builder writes a kept format and counts a dropped one', () => {
    const context = recordingContext();
    const builder = new SchemaBuilder(pkgOf({}), context);
    expect(builder.type({ kind: 'primitive', primitive: 'string', format: 'uri' }, 'spec')).toEqual({ type: 'string', format: 'uri' });
    expect(builder.type({ kind: 'primitive', primitive: 'string', format: 'duration' }, 'spec')).toEqual({ type: 'string' });
    expect(context.counts['crd.formatsDropped']).toBe(1);
  });
});

describe('armkube validate and the CRD agree on formats', () => {
  const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-formats-'));
    const out = spawnSync(process.execPath, [bin, 'generate', '--all', '--no-docs', '--specs', path.join(fixturesDir, 'pipeline', 'readonly-required'), '--out', path.join(dir, 'out')], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const credential = (fields: string) => `apiVersion: managedidentity.azure.com/v20241130
kind: UserAssignedIdentitiesFederatedIdentityCredential
metadata:
  name: fic
spec:
  owner:
    name: identity
  issuer: https://issuer.example.com
  subject: system:serviceaccount:default:app
  audiences: [api://AzureADTokenExchange]
${fields}`;

  const validate = (yaml: string) => {
    const file = path.join(dir, `cr-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, yaml);
    return spawnSync(process.execPath, [bin, 'validate', file, '--output', path.join(dir, 'out')], { encoding: 'utf8' });
  };

  it('refuses a bad date-time and a bad uuid, naming the fields', () => {
    const run = validate(credential('  notBefore: 2024-02-30T10:00:00Z\n  credentialGuid: 1234-not-a-guid\n'));
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('spec.notBefore: must match format "date-time"');
    expect(run.stdout + run.stderr).toContain('spec.credentialGuid: must match format "uuid"');
  });

  it('accepts good ones, in the forms the API server accepts (upper-case uuid, fractional seconds)', () => {
    const run = validate(credential('  notBefore: "2024-02-29T10:00:00.1234567+01:00"\n  credentialGuid: 6F9619FF-8B86-D011-B42D-00C04FC964FF\n'));
    expect(run.stdout + run.stderr).not.toContain('must match format');
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});

/**
 * Regressions from the cluster suite (tests/cluster): cases where `armkube validate` and a real
 * kube-apiserver disagreed, each fixed in validate and pinned here with the server's verdict.
 */
import { describe, expect, it } from 'vitest';
import { compileValidator } from '../../../generator/output-reader/validate-object.js';

const root = (spec: unknown) => ({
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec },
});

describe('validate agrees with the API server', () => {
  // TrafficManagerUserMetricsKey (Microsoft.Network 2018-08-01) has a PUT without body
  // properties: its spec is `type: object` alone. The server: strict decoding error: unknown
  // field "spec.armkubeUnknownField". validate accepted it.
  it('refuses fields of an object schema that has no properties', () => {
    const validate = compileValidator(root({ type: 'object' }));
    expect(validate({ apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x' }, spec: { armkubeUnknownField: 'x' } })).toEqual([{ path: 'spec.armkubeUnknownField', message: 'unknown field' }]);
    expect(validate({ apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x' }, spec: {} })).toEqual([]);
  });

  it('keeps the root metadata open (ObjectMeta is the server\'s), and maps and free-form objects open', () => {
    const validate = compileValidator(
      root({ type: 'object', properties: { tags: { type: 'object', additionalProperties: { type: 'string' } }, free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }),
    );
    expect(validate({ apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x', labels: { a: 'b' }, annotations: { c: 'd' } }, spec: { tags: { t: 'v' }, free: { any: 1 } } })).toEqual([]);
  });
});

/**
 * The envelope rules of the CRD schema builder: one rule per optional envelope of an object, only
 * where the object occurs a bounded number of times (the API server multiplies a rule's cost by
 * that number, by about a million under an unbounded list or map), a named type used in both kinds
 * of place getting both schemas; field names escaped as the API server's `Escape` does.
 */
import { describe, expect, it } from 'vitest';
import { celField, celTyped, envelopeRules } from '../../../../generator/emit/crd/envelope-rules.js';
import type { CrdSchema } from '../../../../generator/emit/crd/openapi.js';
import { SchemaBuilder } from '../../../../generator/emit/crd/schema.js';
import type { Type } from '../../../../generator/model/types.js';
import { pkgOf, prop, recordingContext, STRING } from './helpers.js';

const inner: Type = {
  kind: 'object',
  properties: [
    prop('size', STRING, { armPath: ['properties', 'size'], requiredInEnvelope: 1 }),
    prop('color', STRING, { armPath: ['properties', 'color'] }),
    prop('free', { kind: 'any' }, { armPath: ['properties', 'free'] }),
    prop('name', STRING),
  ],
};
const RULE = { rule: '!(has(self.size) || has(self.color)) || has(self.size)', message: 'size is required when any field of the ARM properties envelope is set (size, color)' };

describe('envelope rules', () => {
  it('one rule per envelope, leaving out fields CEL cannot see and single-field envelopes', () => {
    const schemas: Record<string, CrdSchema> = { size: { type: 'string' }, color: { type: 'string' }, free: { 'x-kubernetes-preserve-unknown-fields': true } };
    expect(envelopeRules(inner as Extract<Type, { kind: 'object' }>, (p) => schemas[p.name])).toEqual([RULE]);
    const alone: Type = { kind: 'object', properties: [prop('size', STRING, { armPath: ['properties', 'size'], requiredInEnvelope: 1 })] };
    expect(envelopeRules(alone as Extract<Type, { kind: 'object' }>, (p) => schemas[p.name])).toEqual([]);
  });

  it('knows which schemas the API server gives a CEL type (a map or list of free-form values has none)', () => {
    const free: CrdSchema = { 'x-kubernetes-preserve-unknown-fields': true };
    expect([
      { type: 'string' }, { type: 'object' }, { type: 'object', properties: { a: free } }, free,
      { type: 'object', additionalProperties: free }, { type: 'array', items: free }, { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
    ].map((s) => celTyped(s as CrdSchema))).toEqual([true, true, true, false, false, false, true]);
  });

  it('are put where the object occurs a bounded number of times, and left out (counted) under an unbounded list', () => {
    const context = recordingContext();
    const pkg = pkgOf({ Inner: inner });
    const builder = new SchemaBuilder(pkg, context);
    const spec: Type = {
      kind: 'object',
      properties: [
        prop('one', { kind: 'ref', name: 'Inner' }),
        prop('few', { kind: 'array', items: { kind: 'ref', name: 'Inner' }, validations: { maxItems: 5 } }),
        prop('many', { kind: 'array', items: { kind: 'ref', name: 'Inner' } }),
        prop('byName', { kind: 'map', values: { kind: 'ref', name: 'Inner' } }),
      ],
    };
    const s = builder.type(spec, 'spec');
    expect(s.properties!.one['x-kubernetes-validations']).toEqual([RULE]);
    expect(s.properties!.few.items!['x-kubernetes-validations']).toEqual([RULE]);
    expect(s.properties!.many.items!['x-kubernetes-validations']).toBeUndefined();
    expect(s.properties!.byName.additionalProperties!['x-kubernetes-validations']).toBeUndefined();
    expect(context.counts['crd.envelopeRules']).toBe(1);
    expect(context.counts['crd.envelopeRulesUnbounded']).toBe(1);
    // Status objects get none.
    expect(builder.type({ kind: 'ref', name: 'Inner' }, 'status')['x-kubernetes-validations']).toBeUndefined();
  });

  it('escape field names as the API server does', () => {
    expect(['size', 'namespace', 'a.b', 'a-b', 'a__b', 'x/y', '1st', 'a b'].map(celField)).toEqual(['size', '__namespace__', 'a__dot__b', 'a__dash__b', 'a__underscores__b', 'x__slash__y', undefined, undefined]);
  });
});

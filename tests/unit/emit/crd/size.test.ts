/**
 * Fitting a CRD with several versions under the etcd limit: the versions other than the storage
 * version lose their descriptions first (deepest first), and only if that is not enough does the
 * storage version lose its own, deepest first.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildCrds, type CrdSchema, type CustomResourceDefinition } from '../../../../generator/emit/crd/index.js';
import type { Model, Type } from '../../../../generator/model/types.js';
import { codes, pkgOf, prop, recordingContext, resourceOf, STRING } from './helpers.js';

const LIMIT = 1_572_864;

/** A spec of `n` string properties one object deep, each with a description of `text` bytes. */
function bigSpec(n: number, text: number): Type {
  const description = 'd'.repeat(text);
  const inner: Type = { kind: 'object', properties: Array.from({ length: n }, (_, i) => prop(`p${i}`, STRING, { description: `${i} ${description}` })) };
  return { kind: 'object', properties: [prop('settings', inner, { description: 'The settings.' })] };
}

/** The kind Widget at `count` api-versions, the last one the storage version. */
function versionsModel(count: number, spec: Type): Model {
  return {
    packages: Array.from({ length: count }, (_, i) => {
      const apiVersion = `20${10 + i}-01-01`;
      const resource = resourceOf('Microsoft.Test/widgets', apiVersion, { kind: 'Widget', specType: 'Widget_Spec', storage: i === count - 1 });
      return { ...pkgOf({ Widget_Spec: spec }, [resource], `test/${apiVersion}`), apiVersion };
    }),
  };
}

function leafDescriptions(schema: CrdSchema): (string | undefined)[] {
  const settings = schema.properties!.spec.properties!.settings;
  return Object.values(settings.properties!).map((p) => p.description);
}

describe('crd emitter: fitting a CRD of several versions', () => {
  it('drops the descriptions of the other versions first, keeping the storage version documented', () => {
    // Each version is about 0.6 MB of descriptions: three fit only without the two older ones'.
    const context = recordingContext();
    const [result] = buildCrds(versionsModel(3, bigSpec(600, 1000)), context);
    expect(codes(context)).toContain('crd-descriptions-dropped');
    expect(result.descriptionsDropped).toMatchObject({ versions: 'other-versions' });
    expect(result.descriptionsDropped!.before).toBeGreaterThan(LIMIT);
    expect(result.jsonBytes).toBeLessThanOrEqual(LIMIT);
    const crd = load(result.file!.content) as CustomResourceDefinition;
    const [first, second, storage] = crd.spec.versions;
    expect(storage.storage).toBe(true);
    expect(leafDescriptions(storage.schema.openAPIV3Schema).every((d) => d !== undefined)).toBe(true);
    expect(storage.schema.openAPIV3Schema.description).toContain('Widget is the Kubernetes resource');
    for (const v of [first, second]) expect(leafDescriptions(v.schema.openAPIV3Schema).every((d) => d === undefined)).toBe(true);
    const message = context.diagnostics.items.find((d) => d.code === 'crd-descriptions-dropped')!.message;
    expect(message).toContain('of the versions other than the storage version');
  });

  it('drops the storage version descriptions, deepest first, when the others are not enough', () => {
    // Two versions of about 1.6 MB each: without the older one's descriptions it is still too large.
    const context = recordingContext();
    const [result] = buildCrds(versionsModel(2, bigSpec(1600, 1000)), context);
    // Depth 3: the leaves (root 0, spec 1, settings 2).
    expect(result.descriptionsDropped).toMatchObject({ versions: 'all-versions', fromDepth: 3 });
    expect(result.jsonBytes).toBeLessThanOrEqual(LIMIT);
    const crd = load(result.file!.content) as CustomResourceDefinition;
    const [older, storage] = crd.spec.versions;
    expect(older.schema.openAPIV3Schema.description).toBeUndefined();
    expect(older.schema.openAPIV3Schema.properties!.spec.properties!.settings.description).toBeUndefined();
    // The storage version keeps the descriptions above the leaves.
    expect(storage.schema.openAPIV3Schema.description).toContain('Widget is the Kubernetes resource');
    expect(storage.schema.openAPIV3Schema.properties!.spec.properties!.settings.description).toBe('The settings.');
    expect(leafDescriptions(storage.schema.openAPIV3Schema).every((d) => d === undefined)).toBe(true);
    // The older version's 1600 leaves, settings, the root and its apiVersion and kind; the storage version's leaves.
    expect(result.descriptionsDropped!.count).toBe(1604 + 1600);
  });

  it('a CRD whose versions fit is written with every description', () => {
    const context = recordingContext();
    const [result] = buildCrds(versionsModel(3, bigSpec(100, 1000)), context);
    expect(result.descriptionsDropped).toBeUndefined();
    expect(codes(context)).not.toContain('crd-descriptions-dropped');
  });
});

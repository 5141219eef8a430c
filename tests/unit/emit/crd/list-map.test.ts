/**
 * Lists ARM keys (`x-ms-identifiers`, default `name`) become list maps when the items require
 * the key; the status `conditions` are a list map keyed by `type`. Found by the cluster suite:
 * without them, a second field manager's server-side apply replaced whole lists.
 */
import { describe, expect, it } from 'vitest';
import { SchemaBuilder } from '../../../../generator/emit/crd/schema.js';
import { checkStructural } from '../../../../generator/emit/crd/structural.js';
import type { ArrayType, Type } from '../../../../generator/model/types.js';
import { statusConditionsStage } from '../../../../generator/pipeline/status-conditions.js';
import { onlyPackage } from '../../../helpers.js';
import { propertiesOf, stageAlone } from '../../pipeline/stage-helpers.js';
import { pkgOf, prop, recordingContext, STRING } from './helpers.js';

const item = (required: boolean, extra: Partial<Parameters<typeof prop>[2]> = {}): Type => ({
  kind: 'object',
  properties: [prop('name', STRING, { required, ...extra }), prop('size', { kind: 'primitive', primitive: 'integer' })],
});

function build(array: ArrayType, types: Record<string, Type> = {}) {
  const context = recordingContext();
  return { schema: new SchemaBuilder(pkgOf(types), context).type(array, 'spec'), context };
}

describe('crd schema: ARM-keyed lists as list maps', () => {
  it('keys a list by name when ARM names no identifiers and the items require name', () => {
    const { schema, context } = build({ kind: 'array', items: { kind: 'ref', name: 'Disk' } }, { Disk: item(true) });
    expect(schema['x-kubernetes-list-type']).toBe('map');
    expect(schema['x-kubernetes-list-map-keys']).toEqual(['name']);
    expect(context.counts['crd.listMaps']).toBe(1);
    const root = { type: 'object' as const, properties: { apiVersion: { type: 'string' as const }, kind: { type: 'string' as const }, metadata: { type: 'object' as const }, spec: { type: 'object' as const, properties: { disks: schema } } } };
    expect(checkStructural(root, 'Widget')).toEqual([]);
  });

  it('uses x-ms-identifiers, naming the Kubernetes property of each ARM key', () => {
    const t: Type = { kind: 'object', properties: [prop('ruleName', STRING, { armName: 'rule', required: true })] };
    const { schema } = build({ kind: 'array', items: t, identifiers: ['rule'] });
    expect(schema['x-kubernetes-list-map-keys']).toEqual(['ruleName']);
  });

  it('leaves the list atomic when the key is optional, absent, nested, moved by flattening, or ARM says the items have no key', () => {
    expect(build({ kind: 'array', items: item(false) }).schema['x-kubernetes-list-type']).toBeUndefined();
    expect(build({ kind: 'array', items: item(true), identifiers: [] }).schema['x-kubernetes-list-type']).toBeUndefined();
    expect(build({ kind: 'array', items: item(true), identifiers: ['id'] }).schema['x-kubernetes-list-type']).toBeUndefined();
    expect(build({ kind: 'array', items: item(true), identifiers: ['properties/name'] }).schema['x-kubernetes-list-type']).toBeUndefined();
    expect(build({ kind: 'array', items: item(true, { armPath: ['properties', 'name'] }) }).schema['x-kubernetes-list-type']).toBeUndefined();
    expect(build({ kind: 'array', items: STRING }).schema['x-kubernetes-list-type']).toBeUndefined();
  });

  it('keeps a set a set (uniqueItems of scalars)', () => {
    expect(build({ kind: 'array', items: STRING, validations: { uniqueItems: true } }).schema['x-kubernetes-list-type']).toBe('set');
  });

  it('makes the status conditions a list map keyed by type', async () => {
    const { model } = await stageAlone('pipeline/status-conditions', statusConditionsStage);
    const pkg = onlyPackage(model);
    const conditions = propertiesOf(pkg, 'Widget_STATUS').find((p) => p.role === 'conditions')!;
    const schema = new SchemaBuilder(pkg, recordingContext()).type(conditions.type, 'status');
    expect(schema['x-kubernetes-list-type']).toBe('map');
    expect(schema['x-kubernetes-list-map-keys']).toEqual(['type']);
  });
});

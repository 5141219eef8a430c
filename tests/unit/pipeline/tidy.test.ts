import { describe, expect, it } from 'vitest';
import type { ApiPackage, Model, Property, Type, TypeDefinition } from '../../../generator/model/types.js';
import { referencedNames } from '../../../generator/model/walk.js';
import { identicalTypes, tidyStage } from '../../../generator/pipeline/tidy.js';
import { fixtureThrough, onlyPackage } from '../../helpers.js';
import { prop as propertyOf, ref, runStageAlone } from './stage-helpers.js';

/** The model just before `tidy`. */
async function beforeTidy() {
  const { model } = await fixtureThrough('pipeline/tidy', 'status-conditions');
  return model;
}

const str: Type = { kind: 'primitive', primitive: 'string' };
const prop = (name: string, type: Type, extra: Partial<Property> = {}): Property => ({ name, armName: name, type, required: false, readOnly: false, ...extra });
const def = (name: string, properties: Property[], side: TypeDefinition['side'] = 'spec'): TypeDefinition => ({ name, side, type: { kind: 'object', properties } });

function handBuilt(types: TypeDefinition[], roots: string[], kubernetes = true): Model {
  const pkg: ApiPackage = {
    id: 'test/resource-manager/Microsoft.Test/stable/2022-01-01',
    namespace: 'Microsoft.Test',
    apiVersion: '2022-01-01',
    stability: 'stable',
    files: [],
    types: Object.fromEntries(types.map((t) => [t.name, t])),
    resources: [
      {
        armType: 'Microsoft.Test/widgets',
        apiVersion: '2022-01-01',
        scope: 'resourceGroup',
        urlTemplate: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Test/widgets/{widgetName}',
        putType: ref('Widget'),
        getType: ref('Widget'),
        source: { file: 'test.json', pointer: '/paths' },
        kubernetes: kubernetes ? { group: 'test.azure.com', version: 'v20220101', kind: 'Widget', specType: roots[0], statusType: roots[1] } : undefined,
      },
    ],
  };
  return { packages: [pkg] };
}

describe('tidy', () => {
  it('removes what no spec or status reaches, shares identical types and drops the ARM shapes', async () => {
    const before = await beforeTidy();
    const { model, counts, diagnostics } = runStageAlone(tidyStage, before);
    const pkg = onlyPackage(model);
    const input = onlyPackage(before);
    // Unreachable: the ARM original and an unused definition. The envelope's spec copy (which
    // took the ARM name) and status copy were already removed by flatten-properties.
    for (const gone of ['Widget', 'Unused']) {
      expect(input.types[gone], gone).toBeDefined();
      expect(pkg.types[gone], gone).toBeUndefined();
    }
    expect(input.types.WidgetProperties).toBeUndefined();
    expect(input.types.WidgetProperties_STATUS).toBeUndefined();
    // TargetEndpoint = SourceEndpoint; then TargetConfig = SourceConfig (its endpoint is now the same).
    for (const gone of ['TargetConfig', 'TargetEndpoint', 'TargetConfig_STATUS', 'TargetEndpoint_STATUS']) expect(pkg.types[gone], gone).toBeUndefined();
    expect(propertyOf(pkg, 'Widget_Spec', 'source').type).toEqual(ref('SourceConfig'));
    expect(propertyOf(pkg, 'Widget_Spec', 'target').type).toEqual(ref('SourceConfig'));
    expect(propertyOf(pkg, 'Widget_STATUS', 'target').type).toEqual(ref('SourceConfig_STATUS'));
    expect(propertyOf(pkg, 'SourceConfig', 'endpoint').type).toEqual(ref('SourceEndpoint'));
    // The property keeps its own description: only the type is shared.
    expect(propertyOf(pkg, 'Widget_Spec', 'target').description).toBe('Where the widget writes to.');
    // Same properties, other description: not the same type.
    expect(propertyOf(pkg, 'Widget_Spec', 'backup').type).toEqual(ref('BackupEndpoint'));
    expect(pkg.types.BackupEndpoint.side).toBe('spec');
    // Spec and status tops are never merged, even when identical (gadgets use the widget schema).
    expect(pkg.resources.map((r) => [r.kubernetes?.specType, r.kubernetes?.statusType])).toEqual(
      input.resources.map((r) => [r.kubernetes?.specType, r.kubernetes?.statusType]),
    );
    for (const r of pkg.resources) {
      expect(pkg.types[r.kubernetes!.specType!]).toBeDefined();
      expect(pkg.types[r.kubernetes!.statusType!]).toBeDefined();
    }
    expect(pkg.types.Gadget_Spec).toBeDefined();
    expect(pkg.types.Widget_Spec).toBeDefined();

    expect(input.resources.every((r) => r.putType && r.getType)).toBe(true);
    expect(pkg.resources.every((r) => !('putType' in r) && !('getType' in r))).toBe(true);

    // What is left keeps the input order.
    const kept = Object.keys(pkg.types);
    expect(kept).toEqual(Object.keys(input.types).filter((n) => kept.includes(n)));
    expect(kept).toEqual(expect.arrayContaining(['SourceConfig', 'SourceEndpoint', 'BackupEndpoint', 'SourceConfig_STATUS', 'SourceEndpoint_STATUS', 'BackupEndpoint_STATUS']));
    expect(counts.typesShared).toBe(4);
    expect(counts.typesRemoved).toBe(Object.keys(input.types).length - kept.length - 4);
    expect(counts.typesRemoved).toBeGreaterThanOrEqual(2); // Widget and Unused at least
    expect(diagnostics).toEqual([]);
    // Every reference left points at a type that is there.
    const referenced = new Set<string>();
    for (const d of Object.values(pkg.types)) referencedNames(d.type, referenced);
    expect(referenced.has('SourceEndpoint')).toBe(true);
    expect([...referenced].filter((n) => !pkg.types[n])).toEqual([]);
  });

  it('does not mutate its input', async () => {
    const before = await beforeTidy();
    const snapshot = structuredClone(before);
    const { model } = runStageAlone(tidyStage, before);
    expect(before).toEqual(snapshot);
    expect(model).not.toEqual(snapshot);
  });

  it('roots nothing for resources without a Kubernetes kind', () => {
    const model = handBuilt([def('Widget', [prop('color', str)], undefined), def('Widget_Spec', [prop('color', str)])], ['Widget_Spec'], false);
    const { model: out, counts } = runStageAlone(tidyStage, model);
    expect(out.packages[0].types).toEqual({});
    expect(out.packages[0].resources[0].putType).toBeUndefined();
    expect(counts).toEqual({ typesRemoved: 2 });
  });

  it('compares everything but the source and the name, in any key order', () => {
    const source = { file: 'a.json', pointer: '/definitions/A' };
    const a = def('A', [prop('x', str, { description: 'X.', source, declaredIn: 'P', annotations: { immutable: 'true' } })]);
    // B: the same fields written in another order, another source.
    const b: TypeDefinition = {
      side: 'spec',
      type: { properties: [{ annotations: { immutable: 'true' }, declaredIn: 'P', type: str, readOnly: false, required: false, armName: 'x', name: 'x', description: 'X.', source: { file: 'b.json', pointer: '/x' } }], kind: 'object' },
      name: 'B',
    };
    const c = def('C', [prop('x', str, { description: 'X.', annotations: { immutable: 'true' } })]); // other annotations
    const d = def('D', [prop('x', str, { description: 'X.', armPath: ['properties', 'x'], declaredIn: 'P', annotations: { immutable: 'true' } })]);
    const e = { ...def('E', a.type.kind === 'object' ? a.type.properties : []), side: 'status' as const }; // other side
    const top = def('Top', ['A', 'B', 'C', 'D'].map((n) => prop(n.toLowerCase(), ref(n))));
    const topStatus = def('Top_STATUS', [prop('e', ref('E'))], 'status');
    const types = Object.fromEntries([a, b, c, d, e, top, topStatus].map((t) => [t.name, t]));
    expect([...identicalTypes(types, Object.keys(types), new Set(['Top', 'Top_STATUS']))]).toEqual([['B', 'A']]);
  });

  it('terminates on cycles (merging nothing it cannot prove identical)', () => {
    const model = handBuilt(
      [def('A', [prop('next', ref('A'))]), def('B', [prop('next', ref('B'))]), def('Top', [prop('a', ref('A')), prop('b', ref('B'))]), def('Top_STATUS', [], 'status')],
      ['Top', 'Top_STATUS'],
    );
    const { model: out } = runStageAlone(tidyStage, model);
    expect(Object.keys(out.packages[0].types)).toEqual(['A', 'B', 'Top', 'Top_STATUS']);
    expect(out.packages[0].resources[0].putType).toBeUndefined();
  });
});

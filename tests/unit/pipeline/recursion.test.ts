import { describe, expect, it } from 'vitest';
import type { ApiPackage, Model, Type } from '../../../generator/model/types.js';
import { referencedNames } from '../../../generator/model/walk.js';
import { findCycles, recursionStage } from '../../../generator/pipeline/recursion.js';
import { asoStagesThrough, fixtureThrough, hasAzureSpecs, loadAzure, onlyPackage, runStages } from '../../helpers.js';
import { prop, ref, runStageAlone } from './stage-helpers.js';

/** The model just before `recursion`. */
async function beforeRecursion() {
  const { model } = await fixtureThrough('pipeline/recursion', 'property-names');
  return model;
}

/** Names of the types that can reach themselves, among those reachable from spec and status tops. */
function recursiveTypes(pkg: ApiPackage): string[] {
  const out: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'open') {
      out.push(...path.slice(path.indexOf(name)));
      return;
    }
    if (state.get(name) === 'done' || !pkg.types[name]) return;
    state.set(name, 'open');
    for (const to of referencedNames(pkg.types[name].type)) visit(to, [...path, name]);
    state.set(name, 'done');
  };
  for (const r of pkg.resources) {
    for (const top of [r.kubernetes?.specType, r.kubernetes?.statusType]) if (top) visit(top, []);
  }
  return [...new Set(out)].sort();
}

const arrayOf = (items: Type): Type => ({ kind: 'array', items });

describe('recursion', () => {
  it('finds the self-recursive, two-type and status-only cycles among the reachable types', async () => {
    const pkg = onlyPackage(await beforeRecursion());
    expect(findCycles(pkg)).toEqual([
      ['ErrorDetail_STATUS'],
      ['RoutingRule', 'RuleCondition'],
      ['RoutingRule_STATUS', 'RuleCondition_STATUS'],
    ]);
    // Folder refers to itself too, but no spec or status reaches it.
    expect(pkg.types.Folder.side).toBeUndefined();
    expect([...referencedNames(pkg.types.Folder.type)]).toEqual(['Folder']);
    expect(recursiveTypes(pkg)).toEqual(['ErrorDetail_STATUS', 'RoutingRule', 'RoutingRule_STATUS', 'RuleCondition', 'RuleCondition_STATUS']);
  });

  it('unrolls a two-type cycle: level 1 refers to level 2, the last level is free-form', async () => {
    const { model, diagnostics, counts } = await fixtureThrough('pipeline/recursion', 'recursion');
    const pkg = onlyPackage(model);
    // What the rest of the graph refers to is level 1, under the original name.
    expect(prop(pkg, 'RoutingPolicy', 'rules').type).toEqual(arrayOf(ref('RoutingRule')));
    expect(prop(pkg, 'RoutingRule', 'conditions').type).toEqual(arrayOf(ref('RuleCondition_Level2')));
    expect(prop(pkg, 'RuleCondition', 'nestedRule').type).toEqual(ref('RoutingRule_Level2'));

    const conditions = prop(pkg, 'RoutingRule_Level2', 'conditions');
    expect(conditions.type).toEqual(arrayOf({ kind: 'any' }));
    expect(conditions.annotations).toMatchObject({ recursion: 'free-form' });
    expect(conditions.description).toBe('Free-form JSON: the recursive type RuleCondition is unrolled to 2 level(s) only.');
    const nested = prop(pkg, 'RuleCondition_Level2', 'nestedRule');
    expect(nested.type).toEqual({ kind: 'any' });
    expect(nested.annotations).toMatchObject({ recursion: 'free-form' });
    expect(nested.description).toBe('A rule evaluated when the condition holds. Free-form JSON: the recursive type RoutingRule is unrolled to 2 level(s) only.');
    // Non-recursive properties are copied as they are; copies keep side and description.
    expect(prop(pkg, 'RoutingRule_Level2', 'name')).toEqual(prop(pkg, 'RoutingRule', 'name'));
    expect(pkg.types.RoutingRule_Level2).toMatchObject({ name: 'RoutingRule_Level2', side: 'spec', description: 'A routing rule; its conditions may nest further rules.' });
    expect(pkg.types.RoutingRule_STATUS_Level2.side).toBe('status');
    expect(prop(pkg, 'RoutingRule_STATUS', 'conditions').type).toEqual(arrayOf(ref('RuleCondition_STATUS_Level2')));

    expect(counts.cycles).toBe(3);
    expect(counts.freeForm).toBe(5);
    const reported = diagnostics.filter((d) => d.code === 'recursive-type');
    expect(reported.map((d) => [d.severity, d.message, d.location?.pointer])).toEqual([
      ['info', 'ErrorDetail_STATUS refers to itself: unrolled to 2 level(s), then free-form', '/definitions/ErrorDetail'],
      ['info', 'cycle among RoutingRule, RuleCondition: unrolled to 2 level(s), then free-form', '/definitions/RoutingRule'],
      ['info', 'cycle among RoutingRule_STATUS, RuleCondition_STATUS: unrolled to 2 level(s), then free-form', '/definitions/RoutingRule'],
    ]);
    expect(reported.every((d) => d.source === 'recursion' && d.location?.file === 'specification/test/resource-manager/Microsoft.Test/stable/2022-01-01/test.json')).toBe(true);
    expect(recursiveTypes(pkg)).toEqual([]);
  });

  it('unrolls a self-recursive type reached only from the status, and leaves unreachable types alone', async () => {
    const before = await beforeRecursion();
    const { model } = runStageAlone(recursionStage, before);
    const pkg = onlyPackage(model);
    expect(prop(pkg, 'ErrorDetail_STATUS', 'details').type).toMatchObject(arrayOf(ref('ErrorDetail_STATUS_Level2')));
    const details = prop(pkg, 'ErrorDetail_STATUS_Level2', 'details');
    expect(details.type).toMatchObject({ kind: 'array', items: { kind: 'any' } });
    expect(details.annotations).toEqual({ recursion: 'free-form' });
    expect(details.description).toMatch(/^The error details\. Free-form JSON: the recursive type ErrorDetail_STATUS/);
    expect(pkg.types.Folder).toBe(onlyPackage(before).types.Folder);
    expect(pkg.types.Folder_Level2).toBeUndefined();
    expect(pkg.types.ErrorDetail_Level2).toBeUndefined();
    // Copies sit right after their level-1 type; everything else keeps its place.
    const copied = ['RoutingRule', 'RuleCondition', 'RoutingRule_STATUS', 'RuleCondition_STATUS', 'ErrorDetail_STATUS'];
    const expected = Object.keys(onlyPackage(before).types).flatMap((n) => (copied.includes(n) ? [n, `${n}_Level2`] : [n]));
    expect(Object.keys(pkg.types)).toEqual(expected);
    expect(Object.keys(pkg.types).filter((n) => n.includes('_Level'))).toHaveLength(5);
  });

  it('unrolls to recursionDepth levels', async () => {
    const before = await beforeRecursion();
    const three = onlyPackage(runStageAlone(recursionStage, before, { recursionDepth: 3 }).model);
    expect(prop(three, 'RoutingRule_Level2', 'conditions').type).toEqual(arrayOf(ref('RuleCondition_Level3')));
    expect(prop(three, 'RuleCondition_Level3', 'nestedRule').type).toEqual({ kind: 'any' });
    expect(prop(three, 'RoutingRule_Level2', 'conditions').annotations?.recursion).toBeUndefined();
    expect(recursiveTypes(three)).toEqual([]);

    const { model, counts } = runStageAlone(recursionStage, before, { recursionDepth: 1 });
    const one = onlyPackage(model);
    expect(Object.keys(one.types).some((n) => n.includes('_Level'))).toBe(false);
    expect(prop(one, 'RoutingRule', 'conditions').type).toEqual(arrayOf({ kind: 'any' }));
    expect(counts).toEqual({ cycles: 3, freeForm: 5 });

    const bad = runStageAlone(recursionStage, before, { recursionDepth: 0 });
    expect(bad.diagnostics[0]).toMatchObject({ code: 'recursion-depth', severity: 'warning' });
    expect(bad.model).toEqual(model);
  });

  it('does not mutate its input and leaves packages without cycles as they are', async () => {
    const before = await beforeRecursion();
    const snapshot = structuredClone(before);
    const { model } = runStageAlone(recursionStage, before);
    expect(before).toEqual(snapshot);
    expect(model).not.toEqual(snapshot);
    const plain: Model = { packages: [{ ...onlyPackage(before), resources: [] }] };
    expect(runStageAlone(recursionStage, plain).model.packages[0]).toBe(plain.packages[0]);
  });
});

describe.skipIf(!hasAzureSpecs)('recursion on the real specs', () => {
  it('leaves no recursive spec or status type in Microsoft.Network 2021-02-01', async () => {
    const { model } = loadAzure('Microsoft.Network', '2021-02-01');
    const stages = await asoStagesThrough('recursion');
    const before = runStages(model, stages.slice(0, -1)).model;
    expect(before.packages.some((pkg) => recursiveTypes(pkg).length > 0)).toBe(true);
    const result = runStageAlone(recursionStage, before);
    expect(result.counts.cycles).toBeGreaterThanOrEqual(1);
    expect(result.diagnostics.some((d) => d.code === 'recursive-type' && d.message.includes('Subnet_STATUS'))).toBe(true);
    for (const pkg of result.model.packages) expect(recursiveTypes(pkg)).toEqual([]);
  });
});

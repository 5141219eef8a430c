/**
 * crossplane-managed writes a CEL rule per required parameter, except for a parameter CEL cannot
 * see (free-form, or a map or list of free-form values): the API server refused such CRDs
 * ("compilation failed: undefined field 'properties'", DataFactory managedVirtualNetworks and
 * OperationalInsights workspaces/dataSources in the cluster suite).
 */
import { describe, expect, it } from 'vitest';
import type { ObjectType, Type } from '../../../generator/model/types.js';
import { crossplaneManagedStage } from '../../../generator/pipeline/crossplane-managed.js';
import { onlyPackage } from '../../helpers.js';
import { crossplaneStageAlone } from './crossplane-helpers.js';
import { runStageAlone } from './stage-helpers.js';

describe('crossplane-managed: required-parameter rules only for fields CEL sees', () => {
  it('leaves out free-form parameters and maps or lists of them, keeps the rest', async () => {
    const { input } = await crossplaneStageAlone('pipeline/crossplane-managed', crossplaneManagedStage);
    const pkg = onlyPackage(input);
    const widget = pkg.resources.find((r) => r.kubernetes?.kind === 'Widget')!;
    const specName = widget.kubernetes!.specType!;
    const spec = pkg.types[specName].type as ObjectType;
    const any: Type = { kind: 'any' };
    const required = (name: string, type: Type) => ({ name, armName: name, type, required: true, readOnly: false });
    const changed: ObjectType = {
      ...spec,
      properties: [
        ...spec.properties,
        required('freeForm', any),
        required('properties', { kind: 'map', values: any }),
        required('anyList', { kind: 'array', items: any }),
        required('stringMap', { kind: 'map', values: { kind: 'primitive', primitive: 'string' } }),
        // As DataFactory's managedVirtualNetworks `properties` reaches the stage: an object of extra keys only.
        required('extraKeysOnly', { kind: 'object', properties: [], additionalProperties: any }),
      ],
    };
    const model = { ...input, packages: [{ ...pkg, types: { ...pkg.types, [specName]: { ...pkg.types[specName], type: changed } } }] };
    const { model: out, counts } = runStageAlone(crossplaneManagedStage, model);
    const rules = onlyPackage(out).resources.find((r) => r.kubernetes?.kind === 'Widget')!.kubernetes!.specRules!.map((r) => r.message);
    expect(rules).toContain('spec.forProvider.stringMap is a required parameter');
    expect(rules.filter((m) => /freeForm|\.properties |anyList|extraKeysOnly/.test(m))).toEqual([]);
    expect(counts['crossplane.requiredRulesCelCannotSee']).toBe(4);
  });
});

describe('crossplane-managed: no cluster-scoped plural "namespaces"', () => {
  it('gives a kind whose plural is namespaces a plural prefixed with its group', async () => {
    const { input } = await crossplaneStageAlone('pipeline/crossplane-managed', crossplaneManagedStage);
    const pkg = onlyPackage(input);
    const resources = pkg.resources.map((r) => (r.kubernetes?.kind === 'Widget' ? { ...r, kubernetes: { ...r.kubernetes, plural: 'namespaces' } } : r));
    const { model: out, counts } = runStageAlone(crossplaneManagedStage, { ...input, packages: [{ ...pkg, resources }] });
    const widget = onlyPackage(out).resources.find((r) => r.kubernetes?.kind === 'Widget')!.kubernetes!;
    expect(widget.plural).toBe(`${widget.group.split('.')[0]}namespaces`);
    expect(widget.scope).toBe('Cluster');
    expect(counts['crossplane.namespacesPluralRenamed']).toBe(1);
  });
});

/**
 * Requiredness that survives flattening, judged on the CRDs: the structural checker, the ajv
 * validator of `armkube validate`, and a direct evaluation of the envelope CEL rules (they use
 * only `has(self.f)`, `!`, `&&`, `||` and parentheses, which a few lines here evaluate).
 *
 *   required envelope  its required fields are structurally required (flatten-properties fixture:
 *                      VirtualNetwork.properties.addressSpace)
 *   optional envelope  TypeSpec-style, fixture `pipeline/readonly-required`: a federated identity
 *                      credential (issuer, subject, audiences required in an optional `properties`)
 *                      and a standby pool (elasticityProfile, virtualMachineState); the TypeSpec
 *                      samples' private endpoint connection (privateLinkServiceConnectionState)
 */
import { existsSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checkCrd, crdEmitter, type CustomResourceDefinition } from '../../generator/emit/crd/index.js';
import { compileValidator } from '../../generator/output-reader/validate-object.js';
import { loadSpecs } from '../../generator/loader/load.js';
import type { Model } from '../../generator/model/types.js';
import { asoStages } from '../../generator/targets/aso.js';
import { loadFixture, runStages, typespecSamplesDir } from '../helpers.js';
import { recordingContext } from '../unit/emit/crd/helpers.js';

type Schema = Record<string, any>;

function crdsOf(model: Model): CustomResourceDefinition[] {
  const result = runStages(model, [...asoStages]);
  return crdEmitter.emit(result.model, recordingContext()).map((f) => load(f.content) as CustomResourceDefinition);
}

function kindCrd(crds: CustomResourceDefinition[], kind: string): { crd: CustomResourceDefinition; root: Schema; spec: Schema } {
  const crd = crds.find((c) => c.spec.names.kind === kind);
  if (!crd) throw new Error(`no CRD of kind ${kind}: ${crds.map((c) => c.spec.names.kind).join(', ')}`);
  const root = crd.spec.versions.find((v) => v.storage)!.schema.openAPIV3Schema as Schema;
  return { crd, root, spec: root.properties.spec };
}

/** Evaluates a rule of the envelope grammar on `self`. */
export function evalRule(rule: string, self: Record<string, unknown>): boolean {
  const tokens = rule.match(/has\(self\.[A-Za-z0-9_]+\)|\|\||&&|!|\(|\)/g) ?? [];
  expect(tokens.join('').replace(/\s/g, '')).toBe(rule.replace(/\s/g, '')); // nothing outside the grammar
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = unary();
    while (tokens[i] === '&&') {
      i++;
      const r = unary();
      v = v && r;
    }
    return v;
  };
  const unary = (): boolean => {
    if (tokens[i] === '!') {
      i++;
      return !unary();
    }
    if (tokens[i] === '(') {
      i++;
      const v = or();
      expect(tokens[i++]).toBe(')');
      return v;
    }
    const field = /^has\(self\.(.+)\)$/.exec(tokens[i++] ?? '')![1];
    return Object.hasOwn(self, field);
  };
  const value = or();
  expect(i).toBe(tokens.length);
  return value;
}

/** Problems of an object for the CRD: the validator's field errors, then each failed envelope rule's message. */
function problems(root: Schema, object: { spec: Record<string, unknown> }): string[] {
  const errors = compileValidator(root)({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'x' }, ...object }).map((e) => `${e.path}: ${e.message}`);
  const rules: { rule: string; message: string }[] = root.properties.spec['x-kubernetes-validations'] ?? [];
  return [...errors, ...rules.filter((r) => !evalRule(r.rule, object.spec)).map((r) => r.message)];
}

describe('a required envelope: its required fields are structurally required', () => {
  const { root, spec, crd } = kindCrd(crdsOf(loadFixture('pipeline/flatten-properties').model), 'VirtualNetwork');

  it('requires addressSpace (required in the required properties envelope) and not dhcpOptions', () => {
    expect(checkCrd(crd)).toEqual([]);
    expect(spec.required).toContain('addressSpace');
    expect(spec.required).not.toContain('dhcpOptions');
    expect(problems(root, { spec: { owner: { name: 'rg' }, location: 'westus' } })).toContain('spec.addressSpace: required field is missing');
    expect(problems(root, { spec: { owner: { name: 'rg' }, location: 'westus', addressSpace: {} } })).toEqual([]);
  });
});

describe('an optional envelope (TypeSpec): a CEL rule per envelope', () => {
  const crds = crdsOf(loadFixture('pipeline/readonly-required').model);

  it('passes the structural and CRD checks, every rule of the envelope grammar', () => {
    for (const crd of crds) expect(checkCrd(crd), crd.metadata.name).toEqual([]);
  });

  it('federated identity credential: refuses only subject, accepts all three or none of the envelope', () => {
    const { root, spec } = kindCrd(crds, 'UserAssignedIdentitiesFederatedIdentityCredential');
    expect(spec.required ?? []).not.toContain('issuer');
    expect(spec['x-kubernetes-validations']).toHaveLength(1);
    const owner = { name: 'identity' };
    expect(problems(root, { spec: { owner, subject: 'system:serviceaccount:ns:sa' } })).toEqual([
      'issuer, subject, audiences are required when any field of the ARM properties envelope is set (issuer, subject, audiences, claimsMatchingExpressionVersion, notBefore, credentialGuid)',
    ]);
    expect(problems(root, { spec: { owner, issuer: 'https://issuer.example.com', subject: 's', audiences: ['api://AzureADTokenExchange'] } })).toEqual([]);
    expect(problems(root, { spec: { owner } })).toEqual([]);
    // An optional field alone also sends the envelope: the required ones must come with it.
    expect(problems(root, { spec: { owner, notBefore: '2024-01-01T00:00:00Z' } })).toHaveLength(1);
  });

  it('standby pool: refuses virtualMachineState without elasticityProfile, accepts a pool without the envelope', () => {
    const { root } = kindCrd(crds, 'StandbyVirtualMachinePool');
    const base = { owner: { name: 'rg' }, location: 'westus' };
    expect(problems(root, { spec: { ...base, virtualMachineState: 'Running' } })).toEqual([
      'elasticityProfile, virtualMachineState are required when any field of the ARM properties envelope is set (elasticityProfile, virtualMachineState, attachedVirtualMachineScaleSetReference, containerGroupProfile, subnetIds, diskEncryptionSetsReference)',
    ]);
    expect(problems(root, { spec: { ...base, virtualMachineState: 'Running', elasticityProfile: { maxReadyCapacity: 3 } } })).toEqual([]);
    expect(problems(root, { spec: base })).toEqual([]);
    // The required field of elasticityProfile (a required object) is structural.
    expect(problems(root, { spec: { ...base, virtualMachineState: 'Running', elasticityProfile: {} } })).toEqual(['spec.elasticityProfile.maxReadyCapacity: required field is missing']);
  });
});

describe.skipIf(!existsSync(typespecSamplesDir))('the TypeSpec samples private endpoint connection', () => {
  const crds = crdsOf(loadSpecs({ specsDir: typespecSamplesDir }).model);

  it('needs no rule: privateLinkServiceConnectionState is the only writable field of its optional envelope', () => {
    const { root, spec, crd } = kindCrd(crds, 'TrackedResourcesPrivateEndpointConnection');
    expect(checkCrd(crd)).toEqual([]);
    // groupIds and provisioningState are read-only, privateEndpoint holds only a read-only id.
    expect(Object.keys(spec.properties).sort()).toEqual(['azureName', 'owner', 'privateLinkServiceConnectionState']);
    expect(spec['x-kubernetes-validations']).toBeUndefined();
    const owner = { name: 'tracked' };
    expect(problems(root, { spec: { owner } })).toEqual([]);
    expect(problems(root, { spec: { owner, privateLinkServiceConnectionState: { status: 'Approved' } } })).toEqual([]);
    expect(problems(root, { spec: { owner, provisioningState: 'Succeeded' } })).toEqual(['spec.provisioningState: unknown field']);
  });

  it('gives rules to the samples whose optional envelope has fields besides the required ones', () => {
    const ruled = crds.filter((c) => kindCrd(crds, c.spec.names.kind).spec['x-kubernetes-validations']);
    expect(ruled.length).toBeGreaterThanOrEqual(5);
    const { root } = kindCrd(crds, 'ContosoPlatformAgent');
    expect(problems(root, { spec: { owner: { name: 'rg' }, location: 'westus', tools: [] } })).toHaveLength(1);
    expect(problems(root, { spec: { owner: { name: 'rg' }, location: 'westus' } })).toEqual([]);
  });
});

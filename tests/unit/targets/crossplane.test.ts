/**
 * The `crossplane` target: its stages (the `aso` stages, changed where the shapes part) and the
 * CRD it emits for fixture `pipeline/crossplane-managed`: cluster scope, upjet's categories and
 * columns, Kubernetes defaults that the API server applies, the CEL rule of a required
 * parameter, and a structural schema that accepts a managed resource and refuses a bad one.
 */
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checkCrd, crdEmitter, type CustomResourceDefinition } from '../../../generator/emit/crd/index.js';
import type { CrdSchema } from '../../../generator/emit/crd/openapi.js';
import { targets } from '../../../generator/targets/index.js';
import { asoStages } from '../../../generator/targets/aso.js';
import { crossplaneStages } from '../../../generator/targets/crossplane.js';
import { loadFixture, runStages } from '../../helpers.js';
import { recordingContext, toJsonSchema } from '../emit/crd/helpers.js';

describe('the crossplane target', () => {
  it('is the aso stage list with the crossplane stages where the shapes part', () => {
    const ids = crossplaneStages.map((s) => s.id);
    const aso = asoStages.map((s) => s.id);
    expect(ids.filter((id) => !id.startsWith('crossplane-'))).toEqual(aso.filter((id) => id !== 'owner-scope' && id !== 'status-conditions'));
    const after = (id: string) => ids[ids.indexOf(id) + 1];
    expect([after('secrets'), after('crossplane-references'), after('crossplane-secrets'), after('tidy')]).toEqual(['crossplane-references', 'crossplane-secrets', 'crossplane-owner', 'crossplane-managed']);
    expect(targets.crossplane.stages).toBe(crossplaneStages);
    expect(targets.crossplane.emitters.map((e) => e.id)).toEqual(['crd', 'crossplane-types']);
  });
});

describe('the CRD of a crossplane kind', () => {
  const { model } = runStages(loadFixture('pipeline/crossplane-managed').model, [...crossplaneStages]);
  const context = recordingContext();
  const files = crdEmitter.emit(model, context);
  const crd = load(files.find((f) => f.path === 'crds/test.azure.com_widgets.yaml')!.content) as CustomResourceDefinition;
  const root = crd.spec.versions[0].schema.openAPIV3Schema;
  const spec = root.properties!.spec;

  it('is cluster-scoped, in the crossplane categories, with SYNCED, READY, EXTERNAL-NAME, AGE, and passes the API server checks', () => {
    expect(crd.spec.scope).toBe('Cluster');
    expect(crd.spec.names.categories).toEqual(['crossplane', 'managed', 'azure']);
    expect(crd.spec.versions[0].additionalPrinterColumns.map((c) => c.name)).toEqual(['SYNCED', 'READY', 'EXTERNAL-NAME', 'AGE']);
    expect(checkCrd(crd)).toEqual([]);
    expect(context.diagnostics.items.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('writes the Kubernetes defaults and the CEL rule of the required parameters on spec', () => {
    expect(spec.properties!.providerConfigRef.default).toEqual({ name: 'default' });
    expect(spec.properties!.deletionPolicy).toMatchObject({ default: 'Delete', enum: ['Orphan', 'Delete'] });
    expect(spec.properties!.managementPolicies.default).toEqual(['*']);
    expect(spec.required).toEqual(['forProvider']);
    expect(root.required).toEqual(['spec']);
    expect(spec['x-kubernetes-validations']?.map((r) => r.message)).toEqual(['spec.forProvider.location is a required parameter', 'spec.forProvider.namespace is a required parameter']);
    // ARM defaults stay out: only the annotated Kubernetes ones are written.
    const defaults: string[] = [];
    const walk = (s: CrdSchema, path: string) => {
      if (s.default !== undefined) defaults.push(path);
      for (const [name, child] of Object.entries(s.properties ?? {})) walk(child, `${path}.${name}`);
      if (s.items) walk(s.items, `${path}[]`);
    };
    walk(root, '');
    expect(defaults.filter((p) => !p.endsWith('.policy.resolution'))).toEqual(['.spec.managementPolicies', '.spec.providerConfigRef', '.spec.deletionPolicy']);
  });

  it('accepts a managed resource and fills the defaults as the API server would', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, useDefaults: true });
    const validate = ajv.compile(toJsonSchema(root) as object);
    const widget = {
      apiVersion: 'test.azure.com/v20210101',
      kind: 'Widget',
      metadata: { name: 'w1', annotations: { 'crossplane.io/external-name': 'widget-1' } },
      spec: { forProvider: { resourceGroupNameRef: { name: 'rg' }, location: 'westeurope', namespace: 'n1', gadgetIdSelector: { matchLabels: { app: 'a' } } } },
    };
    expect(validate(widget), JSON.stringify(validate.errors)).toBe(true);
    expect(widget.spec).toMatchObject({ providerConfigRef: { name: 'default' }, deletionPolicy: 'Delete', managementPolicies: ['*'] });
  });

  it('refuses an unknown management action, a reference without a name, a connection secret without a namespace and a spec without forProvider', () => {
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(toJsonSchema(root) as object);
    const base = { apiVersion: 'test.azure.com/v20210101', kind: 'Widget', metadata: { name: 'w1' } };
    expect(validate({ ...base, spec: { forProvider: {}, managementPolicies: ['Watch'] } })).toBe(false);
    expect(validate({ ...base, spec: { forProvider: { gadgetIdRef: { policy: { resolve: 'Always' } } } } })).toBe(false);
    expect(validate({ ...base, spec: { forProvider: {}, writeConnectionSecretToRef: { name: 's' } } })).toBe(false);
    expect(validate({ ...base, spec: {} })).toBe(false);
  });
});

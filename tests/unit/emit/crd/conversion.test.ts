/**
 * `spec.conversion`: a CRD with several versions names the conversion webhook (default service or
 * the one `EmitOptions` gives), one with a single version has no stanza, and the API server's
 * checks of the stanza (`checkCrd`) accept what the emitter writes and refuse broken stanzas. On
 * real specs: Microsoft.Storage at 2021-02-01 and 2021-04-01.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../../generator/diagnostics.js';
import { conversionOf, conversionWebhookService, DEFAULT_CONVERSION_WEBHOOK_SERVICE, type CrdConversion } from '../../../../generator/emit/crd/conversion.js';
import { buildCrds, checkCrd, crdEmitter, type CustomResourceDefinition } from '../../../../generator/emit/crd/index.js';
import type { EmitOptions } from '../../../../generator/emit/emitter.js';
import { loadSpecs } from '../../../../generator/loader/load.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { azureSpecsDir, hasAzureSpecs, runStages } from '../../../helpers.js';
import { fixtureModel, recordingContext } from './helpers.js';

function emitFixture(options?: EmitOptions): CustomResourceDefinition[] {
  const context = { ...recordingContext(), ...(options && { options }) };
  return crdEmitter.emit(fixtureModel(), context).map((f) => load(f.content) as CustomResourceDefinition);
}

const DEFAULT_STANZA: CrdConversion = {
  strategy: 'Webhook',
  webhook: {
    conversionReviewVersions: ['v1'],
    clientConfig: { service: { name: 'armkube-webhook-service', namespace: 'armkube-system', path: '/convert', port: 443 } },
  },
};

describe('CRD conversion stanza', () => {
  it('names the default webhook service in a CRD with several versions, and is absent with one version', () => {
    const crds = emitFixture();
    const widgets = crds.find((c) => c.spec.names.kind === 'Widget')!;
    const gadgets = crds.find((c) => c.spec.names.kind === 'WidgetsGadget')!;
    expect(widgets.spec.versions.length).toBe(3);
    expect(widgets.spec.conversion).toEqual(DEFAULT_STANZA);
    expect(gadgets.spec.versions.length).toBe(1);
    expect(gadgets.spec).not.toHaveProperty('conversion');
    for (const crd of crds) expect(checkCrd(crd)).toEqual([]);
  });

  it('uses the service of the options, with the default path and port where it gives none', () => {
    const widgets = emitFixture({ conversionWebhook: { service: { name: 'my-webhook', namespace: 'operators' } } }).find((c) => c.spec.names.kind === 'Widget')!;
    expect(widgets.spec.conversion!.webhook!.clientConfig.service).toEqual({ name: 'my-webhook', namespace: 'operators', path: '/convert', port: 443 });
    const full = { name: 'conv', namespace: 'ns', path: '/crd/convert', port: 9443 };
    expect(conversionOf(2, { conversionWebhook: { service: full } })!.webhook!.clientConfig.service).toEqual(full);
    expect(conversionWebhookService()).toEqual(DEFAULT_CONVERSION_WEBHOOK_SERVICE);
    expect(conversionOf(1, { conversionWebhook: { service: full } })).toBeUndefined();
  });

  it('checkCrd refuses stanzas the API server would refuse', () => {
    const widgets = emitFixture().find((c) => c.spec.names.kind === 'Widget')!;
    const withConversion = (conversion: unknown, crd = widgets) => checkCrd({ ...crd, spec: { ...crd.spec, conversion: conversion as CrdConversion } }).map((p) => `${p.area} ${p.path}`);
    const service = (extra: object) => ({ strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { ...DEFAULT_STANZA.webhook!.clientConfig.service, ...extra } } } });
    expect(withConversion(service({ port: 0 }))).toEqual(['conversion spec.conversion.webhook.clientConfig.service.port']);
    expect(withConversion(service({ path: 'convert' }))).toEqual(['conversion spec.conversion.webhook.clientConfig.service.path']);
    expect(withConversion(service({ path: '/a//b' }))).toEqual(['conversion spec.conversion.webhook.clientConfig.service.path']);
    expect(withConversion(service({ namespace: 'Not_A_Label' }))).toEqual(['conversion spec.conversion.webhook.clientConfig.service.namespace']);
    expect(withConversion({ strategy: 'Webhook', webhook: { conversionReviewVersions: ['v2'], clientConfig: DEFAULT_STANZA.webhook!.clientConfig } })).toEqual([
      'conversion spec.conversion.webhook.conversionReviewVersions',
    ]);
    expect(withConversion({ strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: {} } })).toEqual(['conversion spec.conversion.webhook.clientConfig']);
    expect(withConversion({ strategy: 'Webhook' })).toEqual(['conversion spec.conversion.webhook']);
    expect(withConversion({ strategy: 'None', webhook: DEFAULT_STANZA.webhook })).toEqual(['conversion spec.conversion.webhook']);
    expect(withConversion({ strategy: 'Magic' })).toEqual(['conversion spec.conversion.strategy']);
    expect(withConversion({ strategy: 'None' })).toEqual([]);
    expect(withConversion({ strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1', 'v1beta1'], clientConfig: { url: 'https://convert.example.com/crd' } } })).toEqual([]);
    // A webhook on a CRD with one version converts nothing: the emitter never writes one.
    const single = { ...widgets, spec: { ...widgets.spec, versions: widgets.spec.versions.filter((v) => v.storage) } };
    expect(withConversion(DEFAULT_STANZA, single)).toEqual(['conversion spec.conversion.strategy']);
  });
});

describe.skipIf(!hasAzureSpecs)('CRD conversion stanza on real specs', () => {
  it('Microsoft.Storage 2021-02-01 + 2021-04-01: the kinds of both versions convert through the webhook', () => {
    const loaded = loadSpecs({ specsDir: azureSpecsDir, filter: (p) => p.namespace === 'Microsoft.Storage' && (p.apiVersion === '2021-02-01' || p.apiVersion === '2021-04-01') });
    const model = runStages(loaded.model, [...asoStages]).model;
    const context = { diagnostics: new Diagnostics('crd'), count: () => {}, options: { conversionWebhook: { service: { name: 'storage-conversion', namespace: 'azure-operators', port: 8443 } } } };
    const results = buildCrds(model, context);
    const accounts = results.find((r) => r.kind === 'StorageAccount')!;
    expect(accounts.versions).toEqual(['v20210201', 'v20210401']);
    const crd = load(accounts.file!.content) as CustomResourceDefinition;
    expect(crd.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'storage-conversion', namespace: 'azure-operators', path: '/convert', port: 8443 } } },
    });
    expect(checkCrd(crd)).toEqual([]);
    const multi = results.filter((r) => r.versions.length > 1);
    expect(multi.length).toBeGreaterThan(5);
    for (const r of results) {
      expect(r.problems, r.kind).toEqual([]);
      const written = load(r.file!.content) as CustomResourceDefinition;
      expect(written.spec.conversion?.strategy, r.kind).toBe(r.versions.length > 1 ? 'Webhook' : undefined);
    }
  });
});

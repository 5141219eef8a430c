/**
 * Part 5: server-side apply against the generated CRDs.
 * - applying the same manifest twice changes nothing (same resourceVersion and generation);
 * - two controllers applying status `conditions` of different types: both kept (a list map keyed
 *   by `type`; were it atomic, the second apply would conflict or replace the first's);
 * - a list ARM keys (`x-ms-identifiers`): a second field manager applies one item, changed;
 *   the list keeps every other item as it was, and that item gets the change.
 */
import { expect } from 'vitest';
import type { Kube } from '../support/kube.js';
import { ensureNamespace, objectPath } from './objects.js';

const APPLY = 'application/apply-patch+yaml';

async function apply(kube: Kube, path: string, body: unknown, manager: string, force = false) {
  const res = await kube.request('PATCH', `${path}?fieldManager=${manager}${force ? '&force=true' : ''}`, body, APPLY);
  if (res.status !== 200 && res.status !== 201) throw new Error(`apply by ${manager}: HTTP ${res.status}: ${res.body?.message ?? res.text.slice(0, 300)}`);
  return res.body;
}

/** Applies the object twice, then two managers' conditions; returns what it saw. */
export async function applyTwiceAndConditions(kube: Kube, object: any, plural: string, namespace: string) {
  await ensureNamespace(kube, namespace);
  const name = 'ssa-test';
  const manifest = { ...object, metadata: { name, namespace } };
  const path = objectPath(manifest, plural, namespace, name);
  const first = await apply(kube, path, manifest, 'armkube-a');
  const second = await apply(kube, path, manifest, 'armkube-a');
  expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  expect(second.metadata.generation).toBe(first.metadata.generation);
  expect(second.spec).toEqual(first.spec);

  const condition = (type: string) => ({ type, status: 'True', lastTransitionTime: '2021-07-01T00:00:00Z', reason: 'Test' });
  const status = (type: string) => ({ apiVersion: object.apiVersion, kind: object.kind, metadata: { name, namespace }, status: { conditions: [condition(type)] } });
  await apply(kube, `${path}/status`, status('Ready'), 'controller-a');
  const both = await apply(kube, `${path}/status`, status('Synced'), 'controller-b');
  const types = both.status.conditions.map((c: any) => c.type).sort();
  expect(types).toEqual(['Ready', 'Synced']);
  await kube.request('DELETE', path);
  return { resourceVersion: first.metadata.resourceVersion, conditionTypes: types };
}

/** A list map under `spec` (path of property names) with its keys, the first in document order. */
export function findListMap(schema: any, at: string[] = []): { path: string[]; keys: string[] } | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  if (schema.type === 'array' && schema['x-kubernetes-list-type'] === 'map') return { path: at, keys: schema['x-kubernetes-list-map-keys'] };
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    const found = findListMap(s, [...at, k]);
    if (found) return found;
  }
  return undefined;
}

const getPath = (o: any, path: string[]) => path.reduce((v, k) => v?.[k], o);

/**
 * The object's list at `listPath` (under spec, at least two items) applied by `armkube-a`; then
 * `armkube-b` applies only the last item with `field` changed. Every other item must stay.
 */
export async function applyOneItem(kube: Kube, object: any, plural: string, namespace: string, listPath: string[], keys: string[]) {
  const name = 'ssa-list';
  const manifest = { ...object, metadata: { name, namespace } };
  const path = objectPath(manifest, plural, namespace, name);
  const items: any[] = getPath(manifest.spec, listPath);
  await apply(kube, path, manifest, 'armkube-a');
  const last = items[items.length - 1];
  const field = Object.keys(last).find((k) => !keys.includes(k) && typeof last[k] === 'string');
  const changedItem = { ...Object.fromEntries(keys.map((k) => [k, last[k]])), ...(field && { [field]: `${last[field]}-changed` }) };
  let partial: any = [changedItem];
  for (const k of [...listPath].reverse()) partial = { [k]: partial };
  const result = await apply(kube, path, { apiVersion: object.apiVersion, kind: object.kind, metadata: { name, namespace }, spec: partial }, 'armkube-b', true);
  const after: any[] = getPath(result.spec, listPath);
  await kube.request('DELETE', path);
  return { before: items, after, field, changedItem };
}

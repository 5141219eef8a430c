/**
 * Part 4: a generated typed client against the real server: create, get, list, replace,
 * merge-patch, server-side apply, delete and watch (the watch sees the create, the changes and
 * the delete, in order). Every step asserts what the server answered.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { isStatus } from '../../../generator/runtime/client.js';
import type { ClientClass } from '../support/generated-client.js';
import type { Kube } from '../support/kube.js';
import { ensureNamespace } from './objects.js';

export async function exerciseClient(kube: Kube, Client: ClientClass, kubeconfig: string, object: any, namespace: string): Promise<string[]> {
  await ensureNamespace(kube, namespace);
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const client = new Client(kc, { namespace, fieldManager: 'armkube-test' });
  const name = 'client-test';
  const events: string[] = [];
  const before = await client.list();
  const watch = await client.watch((e) => events.push(`${e.type} ${(e.object as any)?.metadata?.name}`), { resourceVersion: before.metadata?.resourceVersion });
  try {
    const created = await client.create({ ...object, metadata: { name } });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.spec).toEqual(object.spec);

    const got = await client.get(name);
    expect(got.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);

    const listed = await client.list();
    expect(listed.items.map((i) => i.metadata?.name)).toContain(name);

    const replaced = await client.replace({ ...got, metadata: { ...got.metadata, labels: { step: 'replace' } } });
    expect(replaced.metadata?.labels).toEqual({ step: 'replace' });

    const patched = await client.patch(name, { metadata: { labels: { step: 'patch' } } } as any);
    expect(patched.metadata?.labels).toEqual({ step: 'patch' });

    const applied = await client.apply({ apiVersion: object.apiVersion, kind: object.kind, metadata: { name, annotations: { applied: 'yes' } } } as any, { fieldManager: 'armkube-apply' });
    expect(applied.metadata?.annotations?.applied).toBe('yes');
    expect(applied.metadata?.labels).toEqual({ step: 'patch' });
    expect((applied.metadata as any)?.managedFields?.map((m: any) => m.manager)).toContain('armkube-apply');

    const deleted = await client.delete(name);
    expect(isStatus(deleted) || (deleted as any).metadata?.name === name).toBe(true);
    await expect(client.get(name)).rejects.toMatchObject({ code: 404 });

    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.startsWith('DELETED')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  } finally {
    watch.stop();
  }
  expect(events).toEqual([`ADDED ${name}`, `MODIFIED ${name}`, `MODIFIED ${name}`, `MODIFIED ${name}`, `DELETED ${name}`]);
  return events;
}

/**
 * Loads a generated `<Kind>.client.ts` of an output folder as users run it: transpiled (esbuild)
 * into a temporary package where `armkube/runtime/client` resolves to this package's built runtime.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KindClient, KindClientOptions } from '../../../generator/runtime/client.js';
import { repoRoot } from '../../helpers.js';

export type ClientClass = new (kubeConfig: KubeConfig, options?: KindClientOptions) => KindClient<any>;

export async function loadGeneratedClient(outDir: string, module: string): Promise<{ Client: ClientClass; dispose(): void }> {
  const file = path.join(outDir, 'ts', module.replace(/\.ts$/, '.client.ts'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'armkube-client-'));
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ type: 'module' }));
  mkdirSync(path.join(work, 'node_modules'));
  symlinkSync(repoRoot, path.join(work, 'node_modules', 'armkube'), 'dir');
  const target = path.join(work, 'client.js');
  writeFileSync(target, transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', sourcefile: file }).code);
  const exports = (await import(pathToFileURL(target).href)) as Record<string, unknown>;
  const Client = Object.values(exports).find((v) => typeof v === 'function') as ClientClass | undefined;
  if (!Client) throw new Error(`${file} exports no client class`);
  return { Client, dispose: () => rmSync(work, { recursive: true, force: true }) };
}

/**
 * The real spec packages the fuzzer mutates: a few small-to-medium providers of the Azure specs,
 * read once, with every file their `$ref`s reach outside the package (common-types, ...), so a
 * case can be written as a small specs tree in the standard layout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isJsonObject, type Json } from './json-tree.js';
import type { FuzzFile } from './mutations.js';

/** Package folders relative to the `specification/` folder: one to seven files, 20–300 KB each. */
export const FUZZ_PACKAGES: readonly string[] = [
  'redis/resource-manager/Microsoft.Cache/stable/2020-12-01',
  'appconfiguration/resource-manager/Microsoft.AppConfiguration/stable/2019-10-01',
  'signalr/resource-manager/Microsoft.SignalRService/stable/2020-05-01',
  'domainservices/resource-manager/Microsoft.AAD/stable/2020-01-01',
  'mixedreality/resource-manager/Microsoft.MixedReality/stable/2021-01-01',
  'healthbot/resource-manager/Microsoft.HealthBot/stable/2020-12-08',
  'privatedns/resource-manager/Microsoft.Network/stable/2020-06-01',
  'storage/resource-manager/Microsoft.Storage/stable/2021-02-01',
];

export interface BasePackage {
  /** The package folder relative to the specs root. */
  id: string;
  /** The package's files (mutable) and the shared files they reach (not mutable), as read. */
  files: FuzzFile[];
}

function listPackageFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'examples') out.push(...listPackageFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

/** File parts of every `$ref` in a document, resolved against the file's folder (examples left out). */
function referencedFiles(file: string, doc: Json): string[] {
  const out = new Set<string>();
  const stack: Json[] = [doc];
  while (stack.length) {
    const node = stack.pop()!;
    if (Array.isArray(node)) stack.push(...node);
    else if (isJsonObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const filePart = value.split('#')[0];
          if (filePart && !/^[a-z]+:\/\//i.test(filePart)) out.add(path.resolve(path.dirname(file), decodeURIComponent(filePart)));
        } else if (key !== 'x-ms-examples') stack.push(value);
      }
    }
  }
  return [...out].filter((f) => !f.split(path.sep).includes('examples'));
}

/** Reads a package and the files it reaches. Throws when the package folder is missing. */
export function readBasePackage(specsRoot: string, id: string): BasePackage {
  const dir = path.join(specsRoot, id);
  if (!existsSync(dir)) throw new Error(`fuzz corpus: no package folder ${dir}`);
  const own = listPackageFiles(dir);
  const files = new Map<string, FuzzFile>();
  const queue = [...own];
  while (queue.length) {
    const file = queue.shift()!;
    if (files.has(file) || !existsSync(file)) continue;
    const bytes = readFileSync(file);
    const rel = path.relative(specsRoot, file).split(path.sep).join('/');
    if (rel.startsWith('..')) continue;
    files.set(file, { rel, bytes, mutable: own.includes(file) });
    queue.push(...referencedFiles(file, JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as Json));
  }
  return { id, files: [...files.values()] };
}

/** Fresh copies of a package's files, so that a case can mutate them. */
export function copyFiles(base: BasePackage): FuzzFile[] {
  return base.files.map((f) => ({ ...f, bytes: Buffer.from(f.bytes) }));
}

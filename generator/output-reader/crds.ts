/**
 * Finding the CRD of a Kubernetes object in an output folder (`<out>/crds/<group>_<plural>.yaml`).
 * Only the files of the object's group are read, and of those only the one whose text names the
 * kind is parsed: the CRDs of the whole corpus are hundreds of MB of YAML.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadYamlStream, readTextLimited } from '../yaml-input.js';
import { listSome, type FindResult } from './find-kind.js';

interface CrdDocument {
  kind?: unknown;
  spec?: { group?: unknown; names?: { kind?: unknown }; versions?: { name?: unknown; schema?: { openAPIV3Schema?: unknown } }[] };
}

export interface CrdVersionFound {
  /** The CRD file. */
  file: string;
  group: string;
  kind: string;
  version: string;
  openAPIV3Schema: unknown;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The CRD files of a group in `crdsDir` (named `<group>_<plural>.yaml`). */
function groupFiles(crdsDir: string, group: string): string[] {
  const prefix = `${group}_`;
  return readdirSync(crdsDir)
    .filter((f) => f.startsWith(prefix) && /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(crdsDir, f));
}

function parseCrds(text: string, file: string): CrdDocument[] | string {
  const loaded = loadYamlStream(text, { filename: file });
  if (!loaded.ok) return `${file} cannot be read as YAML: ${loaded.reason}`;
  return (loaded.documents as CrdDocument[]).filter((d) => d?.kind === 'CustomResourceDefinition');
}

/** The text of a CRD file, or why it cannot be read. */
function crdText(file: string): { text: string } | { message: string } {
  const read = readTextLimited(file);
  return read.ok ? { text: read.text } : { message: `the CRD file ${file} ${read.problem === 'limit' ? `cannot be read: ${read.reason}` : read.reason}` };
}

/** The CRD version of `group`, `kind`, `version`; when there is none, a message listing what the folder has. */
export function findCrdVersion(crdsDir: string, group: string, kind: string, version: string): FindResult<CrdVersionFound> {
  if (!existsSync(crdsDir)) return { ok: false, message: `${crdsDir} does not exist` };
  const files = groupFiles(crdsDir, group);
  if (!files.length) {
    const groups = [...new Set(readdirSync(crdsDir).filter((f) => /\.ya?ml$/.test(f) && f.includes('_')).map((f) => f.slice(0, f.indexOf('_'))))].sort();
    return { ok: false, message: `${crdsDir} has no CRD of the group ${group}; its groups are: ${listSome(groups) || 'none'}` };
  }
  const kindLine = new RegExp(`^\\s+kind:\\s*['"]?${escape(kind)}['"]?\\s*$`, 'm');
  const kinds = new Set<string>();
  for (const file of files) {
    // A cheap look at the text first: parse only a file that can be this kind's.
    const read = crdText(file);
    if ('message' in read) return { ok: false, message: read.message };
    if (!kindLine.test(read.text)) continue;
    const crds = parseCrds(read.text, file);
    if (typeof crds === 'string') return { ok: false, message: crds };
    for (const crd of crds) {
      if (crd.spec?.group !== group || crd.spec.names?.kind !== kind) continue;
      const versions = Array.isArray(crd.spec.versions) ? crd.spec.versions.filter((v) => typeof v === 'object' && v !== null) : [];
      const found = versions.find((v) => v.name === version);
      if (!found) return { ok: false, message: `${kind} (${group}) has no version ${version} in ${file}; its versions are: ${versions.map((v) => String(v.name)).join(', ')}` };
      return { ok: true, entry: { file, group, kind, version, openAPIV3Schema: found.schema?.openAPIV3Schema } };
    }
  }
  for (const file of files) {
    const read = crdText(file);
    const named = 'text' in read ? /names:\s*\n\s+kind:\s*['"]?([^'"\s]+)/.exec(read.text) : null;
    if (named) kinds.add(named[1]);
  }
  return { ok: false, message: `the group ${group} has no kind ${kind} in ${crdsDir}; its kinds are: ${listSome([...kinds].sort())}` };
}

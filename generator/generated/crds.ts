/**
 * Finding the CRD of a Kubernetes object in an output folder (`<out>/crds/<group>_<plural>.yaml`).
 * Only the files of the object's group are read, and of those only the one whose text names the
 * kind is parsed: the CRDs of the whole corpus are hundreds of MB of YAML.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
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

function parseCrds(text: string): CrdDocument[] {
  return (loadAll(text) as CrdDocument[]).filter((d) => d?.kind === 'CustomResourceDefinition');
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
    const text = readFileSync(file, 'utf8');
    if (!kindLine.test(text)) continue;
    for (const crd of parseCrds(text)) {
      if (crd.spec?.group !== group || crd.spec.names?.kind !== kind) continue;
      const versions = crd.spec.versions ?? [];
      const found = versions.find((v) => v.name === version);
      if (!found) return { ok: false, message: `${kind} (${group}) has no version ${version} in ${file}; its versions are: ${versions.map((v) => String(v.name)).join(', ')}` };
      return { ok: true, entry: { file, group, kind, version, openAPIV3Schema: found.schema?.openAPIV3Schema } };
    }
  }
  for (const file of files) {
    const named = /names:\s*\n\s+kind:\s*['"]?([^'"\s]+)/.exec(readFileSync(file, 'utf8'));
    if (named) kinds.add(named[1]);
  }
  return { ok: false, message: `the group ${group} has no kind ${kind} in ${crdsDir}; its kinds are: ${listSome([...kinds].sort())}` };
}

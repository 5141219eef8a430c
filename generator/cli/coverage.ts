/**
 * Which resource types a run generated, and why the others were not: every ARM type the selection
 * reached is either generated (a CRD was written for its kind) or listed with a reason taken from
 * the diagnostics at its PUT operation. Nothing is dropped silently.
 */
import { formatLocation, type Diagnostic } from '../diagnostics.js';
import type { EmittedFile } from '../emit/emitter.js';
import type { Model, Resource } from '../model/types.js';

export interface NotGenerated {
  armType: string;
  apiVersions: string[];
  reason: string;
}

export interface Coverage {
  /** Distinct ARM types (case-insensitive) among the selected resources. */
  found: number;
  generated: number;
  notGenerated: NotGenerated[];
}

/** `final` is the model after the stages: only what `select` kept. */
export function coverage(final: Model, files: readonly EmittedFile[], diagnostics: readonly Diagnostic[]): Coverage {
  const crdFiles = new Set(files.filter((f) => f.path.startsWith('crds/')).map((f) => f.path));
  const byType = new Map<string, { armType: string; versions: Resource[]; generated: boolean }>();
  const entry = (r: Resource) => {
    const key = r.armType.toLowerCase();
    let e = byType.get(key);
    if (!e) byType.set(key, (e = { armType: r.armType, versions: [], generated: false }));
    return e;
  };
  for (const pkg of final.packages) {
    for (const r of pkg.resources) {
      if (!r.kubernetes) continue; // not selected (or a duplicate declaration of a kind)
      const e = entry(r);
      e.versions.push(r);
      const k = r.kubernetes;
      if (k?.specType && crdFiles.has(`crds/${k.group}_${k.plural ?? k.kind.toLowerCase()}.yaml`)) e.generated = true;
    }
  }
  const at = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.location || d.severity === 'info') continue;
    const key = `${d.location.file}#${d.location.pointer}`;
    const list = at.get(key);
    if (list) list.push(d);
    else at.set(key, [d]);
  }
  const notGenerated: NotGenerated[] = [];
  let generated = 0;
  for (const e of [...byType.values()].sort((a, b) => (a.armType.toLowerCase() < b.armType.toLowerCase() ? -1 : 1))) {
    if (e.generated) {
      generated++;
      continue;
    }
    const reasons = e.versions.flatMap((r) => at.get(`${r.source.file}#${r.source.pointer}`) ?? []);
    notGenerated.push({
      armType: e.armType,
      apiVersions: e.versions.map((r) => r.apiVersion),
      reason: reasons.length ? `${reasons[0].code}: ${reasons[0].message} (${formatLocation(reasons[0].location)})` : e.versions.some((r) => !r.kubernetes?.specType) ? 'no spec type (no PUT body schema)' : 'no CRD was emitted for its kind',
    });
  }
  return { found: byType.size, generated, notGenerated };
}

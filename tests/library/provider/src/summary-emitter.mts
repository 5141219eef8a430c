/**
 * The provider's own emitter: a summary of the kinds of the final model, as one Markdown page per
 * Kubernetes group, an index page, and `summary/kinds.json`. It implements armkube's `Emitter`
 * contract (a pure function from model to files), so `writeOutput` writes its files with the
 * built-in emitters' ones.
 */
import { reachableNames, walkType, type ApiPackage, type EmittedFile, type Emitter, type Resource } from 'armkube';
import { parseArmType } from 'armkube/runtime';

/** One kind at one version, as the summary lists it. */
export interface KindSummary {
  group: string;
  version: string;
  kind: string;
  plural: string;
  armType: string;
  apiVersion: string;
  storage: boolean;
  /** Resource types above this one in its ARM type (0 for a top-level resource). */
  parents: number;
  /** Properties of the spec's top level. */
  specProperties: string[];
  /** References to other resources and secret references anywhere in the spec. */
  references: number;
  secrets: number;
}

function summarize(pkg: ApiPackage, resource: Resource): KindSummary | undefined {
  const k = resource.kubernetes;
  const spec = k?.specType ? pkg.types[k.specType] : undefined;
  if (!k?.plural || !spec) return undefined;
  let references = 0;
  let secrets = 0;
  for (const name of reachableNames(pkg, [spec.name])) {
    walkType(pkg.types[name].type, (t) => {
      if (t.kind === 'resourceRef') references++;
      if (t.kind === 'secretRef') secrets++;
    });
  }
  const armType = parseArmType(resource.armType);
  return {
    group: k.group,
    version: k.version,
    kind: k.kind,
    plural: k.plural,
    armType: resource.armType,
    apiVersion: resource.apiVersion,
    storage: k.storage === true,
    parents: armType.ok ? armType.types.length - 1 : 0,
    specProperties: spec.type.kind === 'object' ? spec.type.properties.map((p) => p.name) : [],
    references,
    secrets,
  };
}

function groupPage(group: string, kinds: KindSummary[]): string {
  const rows = kinds.map((k) => `| ${k.kind} | ${k.version}${k.storage ? ' (storage)' : ''} | \`${k.armType}\` | ${k.specProperties.length} | ${k.references} | ${k.secrets} |`);
  return [`# ${group}`, '', '| kind | version | ARM type | spec properties | references | secrets |', '| --- | --- | --- | ---: | ---: | ---: |', ...rows, ''].join('\n');
}

/** The summary emitter. */
export const summaryEmitter: Emitter = {
  id: 'summary',
  description: 'a Markdown page per Kubernetes group, an index page and summary/kinds.json',
  emit(model, context) {
    const kinds: KindSummary[] = [];
    for (const pkg of model.packages) {
      for (const resource of pkg.resources) {
        const summary = summarize(pkg, resource);
        if (summary) kinds.push(summary);
        else context.diagnostics.info('x-summary-skipped', `${resource.armType} ${resource.apiVersion} has no Kubernetes kind`, resource.source);
      }
    }
    kinds.sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind) || a.version.localeCompare(b.version));
    const groups = [...new Set(kinds.map((k) => k.group))];
    const files: EmittedFile[] = groups.map((group) => ({ path: `summary/${group}.md`, content: groupPage(group, kinds.filter((k) => k.group === group)) }));
    const index = groups.map((g) => `- [${g}](${g}.md): ${kinds.filter((k) => k.group === g).length} kinds`);
    files.push({ path: 'summary/README.md', content: ['# Kinds', '', ...index, ''].join('\n') });
    files.push({ path: 'summary/kinds.json', content: JSON.stringify(kinds, null, 2) + '\n' });
    context.count('summary.kinds', kinds.length);
    return files;
  },
};

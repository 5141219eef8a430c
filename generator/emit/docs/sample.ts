/**
 * The sample of a kind: the request body of one of its PUT x-ms-examples, converted with the
 * generated `armToSpec` (the code users get), as a Kubernetes object in YAML. The name comes from
 * the example's resource name and the owner from its parent's ARM ID: the parent by Kubernetes
 * name when the owner kind is known, by ARM ID for extension resources. Secret values the
 * conversion pulled out become the Secret to create, without the values.
 */
import { dump } from 'js-yaml';
import type { Diagnostics } from '../../diagnostics.js';
import type { GeneratedCode } from '../../output-reader/load.js';
import type { KubernetesResourceInfo, Resource } from '../../model/types.js';
import { parseArmId } from '../../runtime/arm-id.js';
import type { OwnerReference } from '../../runtime/index.js';
import { readExample, type ExampleRequest } from './examples.js';

export interface Sample {
  /** Kubernetes version of the sample (the kind's documented version, or the latest one with an example). */
  version: string;
  apiVersion: string;
  /** The example file, relative to the specs root. */
  file: string;
  yaml: string;
  /** The Secrets the sample reads, with their keys. */
  secrets: { name: string; keys: string[] }[];
}

export type SampleResult = { sample: Sample } | { none: string };

export interface SampleInputs {
  specsDir: string;
  code: GeneratedCode;
  diagnostics: Diagnostics;
}

/**
 * The sample of one resource (one kind at one version): of its examples that convert, the one
 * whose spec sets the most values (the most instructive; the first of equals). With `envelope`
 * (Crossplane's `forProvider`), the converted parameters go under that spec property: the code
 * then converts into the parameters type (see envelope.ts).
 */
export function sampleOf(resource: Resource, inputs: SampleInputs, envelope?: string): SampleResult {
  const k = resource.kubernetes!;
  const files = resource.examples ?? [];
  if (!files.length) return { none: `the specs have no PUT example for api-version ${resource.apiVersion}` };
  const generated = inputs.code.findResource(resource.armType, resource.apiVersion);
  if (!generated) return { none: `no generated code for ${resource.armType} ${resource.apiVersion}` };
  let missing = 0;
  const problems: string[] = [];
  let best: { sample: Sample; values: number } | undefined;
  for (const file of files) {
    const read = readExample(inputs.specsDir, file, resource, inputs.diagnostics);
    if ('missing' in read) {
      missing++;
      continue;
    }
    if ('unusable' in read) {
      problems.push(`${file}: ${read.unusable}`);
      continue;
    }
    const owner = ownerOf(k, read.request);
    if ('unknown' in owner) {
      problems.push(`${file}: ${owner.unknown}`);
      continue;
    }
    try {
      const { spec, secrets } = generated.armToSpec(read.request.body, owner.reference);
      const values = countValues(spec);
      if (!best || values > best.values) best = { sample: render(k, resource.apiVersion, read.request, envelope === undefined ? (spec as Record<string, unknown>) : { [envelope]: spec }, secrets), values };
    } catch (e) {
      const message = (e as Error).message.split('\n')[0];
      inputs.diagnostics.warning('docs-sample-failed', `armToSpec of ${k.kind} ${k.version} failed on the example ${file}: ${message}`, { file, pointer: '' });
      problems.push(`${file}: ${message}`);
    }
  }
  if (best) return { sample: best.sample };
  if (missing === files.length) return { none: `the example files of api-version ${resource.apiVersion} are not in the specs tree` };
  return { none: `no example of api-version ${resource.apiVersion} could be converted (${problems.join('; ')})` };
}

function render(k: KubernetesResourceInfo, apiVersion: string, request: ExampleRequest, converted: Record<string, unknown>, secrets: { reference: { name: string; key: string } }[]): Sample {
  const name = kubernetesName(request.armName) ?? `${k.kind.toLowerCase()}-sample`;
  // `azureName` defaults to metadata.name: spell it out only when the ARM name is not a valid Kubernetes name.
  const spec = k.hasAzureName && request.armName !== undefined && request.armName !== name && converted.azureName === undefined ? { azureName: request.armName, ...converted } : converted;
  const object = { apiVersion: `${k.group}/${k.version}`, kind: k.kind, metadata: { name }, spec };
  const byName = new Map<string, Set<string>>();
  for (const s of secrets) (byName.get(s.reference.name) ?? byName.set(s.reference.name, new Set()).get(s.reference.name)!).add(s.reference.key);
  return {
    version: k.version,
    apiVersion,
    file: request.file,
    // Through JSON: the YAML holds plain data only (no `undefined`, no shared references).
    yaml: dump(JSON.parse(JSON.stringify(object)), { lineWidth: -1, noRefs: true }),
    secrets: [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([secret, keys]) => ({ name: secret, keys: [...keys].sort() })),
  };
}

/** Leaf values (strings, numbers, booleans) of a converted spec. */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countValues(v), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((n: number, v) => n + countValues(v), 0);
  return value === undefined || value === null ? 0 : 1;
}

type OwnerResult = { reference?: OwnerReference } | { unknown: string };

/** The owner to pass to `armToSpec`: none for kinds without one, else from the parent of the example's ARM ID. */
function ownerOf(k: KubernetesResourceInfo, request: ExampleRequest): OwnerResult {
  if (!k.owner) return {};
  const parsed = request.armId === undefined ? undefined : parseArmId(request.armId);
  if (!parsed?.ok) return { unknown: "the example gives neither the URL's parameters nor the response's id, so the owner is unknown" };
  if ('any' in k.owner) return { reference: { armId: parsed.parentId } };
  const parent = parseArmId(parsed.parentId);
  const name = parent.ok ? kubernetesName(parent.name) : undefined;
  return name === undefined ? { reference: { armId: parsed.parentId } } : { reference: { name } };
}

/** An ARM name as a Kubernetes object name (a DNS subdomain): lower case, other characters as `-`. */
export function kubernetesName(armName: string | undefined): string | undefined {
  if (armName === undefined) return undefined;
  const name = armName
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 253)
    .replace(/[^a-z0-9]+$/, '');
  return name || undefined;
}

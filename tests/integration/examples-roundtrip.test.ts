/**
 * Every provider namespace of the real specs at its latest stable api-version that has example
 * files (the corpus keeps `examples/` only for those): loaded, through the aso stages, emitted as
 * CRDs and TypeScript (the emitters called directly, in memory), the TypeScript transpiled without
 * a type check and imported. Then every x-ms-examples PUT of a resource that got a kind:
 *
 * (a) `specToArm(armToSpec(request), resolved)` gives back the request less what the spec cannot
 *     hold; every value left out is named with its reason, computed from the model as loaded
 *     (before the stages): read-only, `id`/`name`/`type` of the body, null, not in the schema, a
 *     sub-resource written inline without `id`. A value left out for no such reason, or any value
 *     added or changed, is a failure;
 * (b) the Kubernetes object `{apiVersion, kind, metadata, spec}` validates with ajv against the
 *     CRD's `openAPIV3Schema` of that version;
 * (c) `armToStatus(response)` of each 200/201 response keeps every value whose ARM location the
 *     status type knows (key paths compared through the status properties' `armPath`).
 *
 * Pass rates, failures (with example file and reason), the reasons values were left out, and the
 * timing are printed. A conversion that throws (an example without the discriminator its schema
 * requires) fails (a) and (b) of that example; only an import that fails counts as a crash.
 * Measured on the July 2021 corpus: 993 requests, (a)+(b) 990 (99.7%); 1,618 responses, (c) all.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrds, type CrdResult, type CustomResourceDefinition } from '../../generator/emit/crd/index.js';
import { discoverPackages } from '../../generator/loader/discover.js';
import { loadSpecs } from '../../generator/loader/load.js';
import type { ApiPackage, Model, ObjectType, Property, Resource, Type } from '../../generator/model/types.js';
import type { CollectedReferences, ExtractedSecret, ResolvedReferences } from '../../generator/runtime/index.js';
import { referenceKey, secretKey } from '../../generator/runtime/index.js';
import { asoStages } from '../../generator/targets/aso.js';
import { azureSpecsDir, hasAzureSpecs, runStages } from '../helpers.js';
import { Ajv } from 'ajv';
import { recordingContext, toJsonSchema } from '../unit/emit/crd/helpers.js';
import { emitModel, importGenerated, removeDir, tempDir, transpile, writeFiles, type Emitted } from '../unit/emit/typescript/support.js';

/** Pass rates below which the test fails (measured on the July 2021 corpus, less a small margin). */
const MIN_REQUEST_RATE = 0.97;
const MIN_STATUS_RATE = 0.97;

interface KindModule {
  collectReferences(spec: unknown): CollectedReferences;
  specToArm(spec: unknown, resolved: ResolvedReferences): unknown;
  armToSpec(body: unknown, owner?: unknown): { spec: unknown; secrets: ExtractedSecret[] };
  armToStatus(body: unknown): unknown;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// --- Which packages ---------------------------------------------------------------------------

/** Per namespace (case-insensitive), the latest stable api-version whose folder has `examples/`; the ids of its packages. */
function latestStableWithExamples(): Set<string> {
  const { packages } = discoverPackages(path.resolve(azureSpecsDir));
  const best = new Map<string, string>();
  for (const p of packages) {
    if (p.stability !== 'stable' || !p.namespace || !p.apiVersion || !existsSync(path.join(p.dir, 'examples'))) continue;
    const ns = p.namespace.toLowerCase();
    if ((best.get(ns) ?? '') < p.apiVersion) best.set(ns, p.apiVersion);
  }
  return new Set(packages.filter((p) => p.stability === 'stable' && p.namespace && best.get(p.namespace.toLowerCase()) === p.apiVersion).map((p) => p.id));
}

// --- Examples ---------------------------------------------------------------------------------

interface Example {
  file: string;
  request?: unknown;
  responses: { code: string; body: unknown }[];
}

const docs = new Map<string, Json>();
function readJson(file: string): Json {
  let doc = docs.get(file);
  if (!doc) docs.set(file, (doc = JSON.parse(readFileSync(file, 'utf8')) as Json));
  return doc;
}

function pointerGet(doc: unknown, pointer: string): unknown {
  let at = doc;
  for (const segment of pointer.split('/').slice(1)) at = (at as Json | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  return at;
}

/** A parameter, its `$ref` followed (same file or another). */
function parameterOf(p: Json, file: string): Json | undefined {
  if (typeof p.$ref !== 'string') return p;
  const [target, pointer = ''] = p.$ref.split('#');
  const targetFile = target ? path.resolve(path.dirname(file), target) : file;
  if (!existsSync(targetFile)) return undefined;
  return pointerGet(readJson(targetFile), pointer) as Json | undefined;
}

/** The x-ms-examples of a resource's PUT: the request body (named by the operation's body parameter) and the 200/201 response bodies. */
function examplesOf(resource: Resource): Example[] {
  const specFile = path.join(azureSpecsDir, resource.source.file);
  const doc = readJson(specFile);
  const op = pointerGet(doc, resource.source.pointer) as Json | undefined;
  const pathItem = pointerGet(doc, resource.source.pointer.split('/').slice(0, -1).join('/')) as Json | undefined;
  const params = [...((op?.parameters as Json[] | undefined) ?? []), ...((pathItem?.parameters as Json[] | undefined) ?? [])];
  const bodyName = params.map((p) => parameterOf(p, specFile)).find((p) => p?.in === 'body')?.name as string | undefined;
  const out: Example[] = [];
  for (const ref of Object.values((op?.['x-ms-examples'] as Record<string, { $ref?: string }> | undefined) ?? {})) {
    if (typeof ref?.$ref !== 'string') continue;
    const file = path.resolve(path.dirname(specFile), ref.$ref);
    if (!existsSync(file)) continue;
    let example: Json;
    try {
      example = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const request = bodyName ? (example.parameters as Json | undefined)?.[bodyName] : undefined;
    const responses = (example.responses as Record<string, { body?: unknown }> | undefined) ?? {};
    out.push({
      file: path.relative(azureSpecsDir, file),
      request,
      responses: ['200', '201'].filter((c) => isObj(responses[c]?.body)).map((code) => ({ code, body: responses[code].body })),
    });
  }
  return out;
}

// --- Walking model types ----------------------------------------------------------------------

/** Resolves refs, merges allOf bases, picks the discriminated subtype `value` selects. */
function objectOf(pkg: ApiPackage, type: Type | undefined, value?: unknown, seen = new Set<string>()): ObjectType | undefined {
  while (type?.kind === 'ref') {
    if (seen.has(type.name)) return undefined;
    seen.add(type.name);
    type = pkg.types[type.name]?.type;
  }
  if (type?.kind !== 'object') return undefined;
  let properties: Property[] = [...type.properties];
  let additional = type.additionalProperties;
  for (const base of type.bases ?? []) {
    const b = objectOf(pkg, base, undefined, new Set(seen));
    if (b) {
      properties = [...properties, ...b.properties];
      additional ??= b.additionalProperties;
    }
  }
  const discriminator = findDiscriminator(pkg, type);
  if (discriminator && isObj(value) && typeof value[discriminator] === 'string') {
    for (const name of allSubtypes(pkg, type)) {
      const sub = pkg.types[name]?.type;
      if (sub?.kind === 'object' && sub.discriminatorValue === value[discriminator] && !seen.has(name)) {
        const s = objectOf(pkg, { kind: 'ref', name }, undefined, new Set(seen));
        if (s) return { ...s, properties: [...s.properties, ...properties] };
      }
    }
  }
  return { ...type, properties, additionalProperties: additional };
}

function findDiscriminator(pkg: ApiPackage, type: ObjectType): string | undefined {
  if (type.discriminator) return type.discriminator;
  for (const base of type.bases ?? []) {
    const b = base.kind === 'ref' ? pkg.types[base.name]?.type : base;
    if (b?.kind === 'object') {
      const d = findDiscriminator(pkg, b);
      if (d) return d;
    }
  }
  return undefined;
}

function allSubtypes(pkg: ApiPackage, type: ObjectType, out: string[] = []): string[] {
  for (const name of type.subtypes ?? []) {
    if (out.includes(name)) continue;
    out.push(name);
    const t = pkg.types[name]?.type;
    if (t?.kind === 'object') allSubtypes(pkg, t, out);
  }
  return out;
}

function deref(pkg: ApiPackage, type: Type | undefined): Type | undefined {
  const seen = new Set<string>();
  while (type?.kind === 'ref' && !seen.has(type.name)) {
    seen.add(type.name);
    type = pkg.types[type.name]?.type;
  }
  return type;
}

// --- (a) what the round trip leaves out, and why ----------------------------------------------

type DropReason = 'read-only' | 'id/name/type' | 'null' | 'not in the schema' | 'inline sub-resource without id' | 'empty' | 'example value not of the schema type';

interface Comparison {
  /** Values added or changed, or left out for no reason: failures. */
  problems: string[];
  /** Leaf values of the body compared (kept). */
  kept?: number;
  /** Left-out values by reason. */
  dropped: Map<DropReason, string[]>;
}

function isEmpty(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.every(isEmpty);
  if (isObj(v)) return Object.values(v).every(isEmpty);
  return false;
}

/**
 * Compares `arm` (the round trip) with `body` (the request) under the model type `type` (the
 * package as loaded, before the stages): what `arm` adds or changes, and, for each value of the
 * body it leaves out, the reason.
 */
function compare(pkg: ApiPackage, type: Type | undefined, arm: unknown, body: unknown, where: string, out: Comparison, top = false): void {
  const drop = (reason: DropReason, at: string) => {
    const list = out.dropped.get(reason) ?? [];
    list.push(at);
    out.dropped.set(reason, list);
  };
  if (body === null) {
    if (arm !== undefined && arm !== null) out.problems.push(`${where}: ${JSON.stringify(arm)} where the body has null`);
    return;
  }
  const resolved = deref(pkg, type);
  if (Array.isArray(body)) {
    if (!Array.isArray(arm)) return void out.problems.push(`${where}: not an array in the round trip`);
    const items = resolved?.kind === 'array' ? resolved.items : undefined;
    // Elements the round trip leaves out (inline sub-resources without id): match in order.
    let j = 0;
    for (let i = 0; i < body.length; i++) {
      const b = body[i];
      if (j < arm.length) {
        const trial: Comparison = { problems: [], dropped: new Map() };
        compare(pkg, items, arm[j], b, `${where}[${i}]`, trial);
        if (!trial.problems.length || arm.length - j >= body.length - i) {
          out.problems.push(...trial.problems);
          out.kept = (out.kept ?? 0) + (trial.kept ?? 0);
          for (const [r, l] of trial.dropped) for (const p of l) drop(r, p);
          j++;
          continue;
        }
      }
      const reason = whyDropped(pkg, items, b);
      if (reason) drop(reason, `${where}[${i}]`);
      else out.problems.push(`${where}[${i}]: element left out`);
    }
    if (j < arm.length) out.problems.push(`${where}: ${arm.length - j} elements added`);
    return;
  }
  if (isObj(body)) {
    if (!isObj(arm)) {
      if (arm === undefined) return;
      return void out.problems.push(`${where}: not an object in the round trip`);
    }
    const obj = resolved?.kind === 'object' ? objectOf(pkg, resolved, body) : undefined;
    const mapValues = resolved?.kind === 'map' ? resolved.values : undefined;
    for (const [k, v] of Object.entries(body)) {
      const prop = obj?.properties.find((p) => p.armName === k);
      const childType = prop?.type ?? mapValues ?? obj?.additionalProperties;
      const at = `${where}.${k}`;
      if (!(k in arm) || arm[k] === undefined) {
        let reason: DropReason | undefined;
        if (v === null) reason = 'null';
        else if (top && (k === 'id' || k === 'name' || k === 'type')) reason = 'id/name/type';
        else if (prop?.readOnly) reason = 'read-only';
        else if (isEmpty(v)) reason = 'empty';
        else if (resolved && !prop && !mapValues && !obj?.additionalProperties) reason = 'not in the schema';
        else if (!ofSchemaType(pkg, childType, v)) reason = 'example value not of the schema type';
        else reason = whyDropped(pkg, childType, v);
        if (reason) drop(reason, at);
        else out.problems.push(`${at}: left out (${JSON.stringify(v).slice(0, 80)})`);
        continue;
      }
      compare(pkg, childType, arm[k], v, at, out);
    }
    for (const k of Object.keys(arm)) if (!(k in body) && arm[k] !== undefined) out.problems.push(`${where}.${k}: added (${JSON.stringify(arm[k]).slice(0, 80)})`);
    return;
  }
  if (arm === undefined) return; // handled by the parent
  out.kept = (out.kept ?? 0) + 1;
  if (!Object.is(arm, body)) out.problems.push(`${where}: ${JSON.stringify(arm)} where the body has ${JSON.stringify(body)}`);
}

/** Whether a value has the JSON type of a model type (unknown types, unions and references pass). */
function ofSchemaType(pkg: ApiPackage, type: Type | undefined, value: unknown): boolean {
  const t = deref(pkg, type);
  switch (t?.kind) {
    case 'object':
    case 'map':
      return isObj(value);
    case 'array':
      return Array.isArray(value);
    case 'primitive':
    case 'enum': {
      const p = t.kind === 'enum' ? t.base : t.primitive;
      return p === 'string' ? typeof value === 'string' : p === 'boolean' ? typeof value === 'boolean' : typeof value === 'number';
    }
    default:
      return true;
  }
}

/** Why a whole value may be left out: read-only everywhere, an inline sub-resource without id, empty. */
function whyDropped(pkg: ApiPackage, type: Type | undefined, value: unknown): DropReason | undefined {
  if (value === null) return 'null';
  if (isEmpty(value)) return 'empty';
  const obj = objectOf(pkg, type, value);
  if (isObj(value) && obj && obj.properties.some((p) => p.armName === 'id') && value.id === undefined) return 'inline sub-resource without id';
  return undefined;
}

// --- (c) what the status must keep ------------------------------------------------------------

function armAt(body: unknown, armPath: string[]): unknown {
  let at = body;
  for (const k of armPath) at = isObj(at) ? at[k] : undefined;
  return at;
}

/** Every ARM value the status type knows that the status does not have. */
const statusChecked = { values: 0 };
function statusMissing(pkg: ApiPackage, type: Type | undefined, status: unknown, body: unknown, where: string, out: string[], depth = 0): void {
  if (body === null || body === undefined || depth > 40) return;
  const t = deref(pkg, type);
  if (!t) return;
  statusChecked.values++;
  if (status === undefined || status === null) return void out.push(where);
  if (t.kind === 'array') {
    if (!Array.isArray(body)) return;
    if (!Array.isArray(status)) return void out.push(`${where} (not an array)`);
    body.forEach((b, i) => statusMissing(pkg, t.items, status[i], b, `${where}[${i}]`, out, depth + 1));
    return;
  }
  if (t.kind === 'map') {
    if (!isObj(body) || !isObj(status)) return;
    for (const [k, v] of Object.entries(body)) statusMissing(pkg, t.values, status[k], v, `${where}.${k}`, out, depth + 1);
    return;
  }
  if (t.kind === 'object') {
    if (!isObj(body)) return;
    if (!isObj(status)) return void out.push(`${where} (not an object)`);
    for (const p of t.properties) {
      if (p.role === 'conditions') continue;
      const value = armAt(body, p.armPath ?? [p.armName]);
      if (value === undefined || value === null) continue;
      statusMissing(pkg, p.type, status[p.name], value, `${where}.${(p.armPath ?? [p.armName]).join('.')}`, out, depth + 1);
    }
  }
  // unions, references, primitives, any: present is enough
}

/**
 * An ajv validator of a CRD version's `openAPIV3Schema` (`x-kubernetes-*` keywords translated or
 * removed). Patterns are compiled without the `u` flag: the API server's RE2 accepts escapes such
 * as `\\:` that a unicode JavaScript RegExp rejects.
 */
function validatorOf(openAPIV3Schema: unknown) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(toJsonSchema(openAPIV3Schema) as object);
}

// --- The test -----------------------------------------------------------------------------------

describe.skipIf(!hasAzureSpecs)('x-ms-examples of the latest stable api-version of every namespace, round-tripped', () => {
  let dir: string | undefined;
  let original: Model;
  let final: Model;
  let emitted: Emitted;
  let crds = new Map<string, CustomResourceDefinition>();
  let crdResults = new Map<string, CrdResult>();
  const timing: Record<string, number> = {};

  beforeAll(() => {
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timing[name] = now - t;
      t = now;
    };
    const ids = latestStableWithExamples();
    const { model } = loadSpecs({ specsDir: azureSpecsDir, filter: (p) => ids.has(p.id) });
    lap('load');
    original = structuredClone(model);
    final = runStages(model, [...asoStages]).model;
    lap('pipeline');
    const context = recordingContext();
    const results = buildCrds(final, context);
    crdResults = new Map(results.map((r) => [`${r.group}/${r.kind}`, r]));
    const crdFiles = results.flatMap((r) => (r.file ? [r] : []));
    crds = new Map(crdFiles.map((r) => [`${r.group}/${r.kind}`, load(r.file!.content) as CustomResourceDefinition]));
    lap('crd emit');
    emitted = emitModel(final);
    lap('typescript emit');
    dir = tempDir('armkube-examples-');
    writeFiles(dir, emitted.files);
    transpile(dir);
    lap('transpile');
    console.log(`examples round trip: ${ids.size} packages (${final.packages.length} loaded), ${crds.size} CRDs, ${emitted.files.length} TypeScript files`);
  }, 600_000);

  afterAll(() => removeDir(dir));

  it('round-trips every PUT example (spec and CRD) and reads every response into the status', async () => {
    const started = performance.now();
    const failures = { a: [] as string[], b: [] as string[], c: [] as string[], crash: [] as string[] };
    const dropped = new Map<DropReason, number>();
    const droppedExamples = new Map<DropReason, Set<string>>();
    let attempted = 0;
    let threw = 0;
    let keptValues = 0;
    const untyped: string[] = [];
    let noRequest = 0;
    let passA = 0;
    let passB = 0;
    let passAB = 0;
    let responses = 0;
    let passC = 0;
    const validators = new Map<string, ReturnType<typeof validatorOf>>();
    const originalPackages = new Map(original.packages.map((p) => [p.id, p]));

    for (const pkg of final.packages) {
      const before = originalPackages.get(pkg.id);
      for (const resource of pkg.resources) {
        const k = resource.kubernetes;
        if (!k?.specType) continue;
        const examples = examplesOf(resource);
        if (!examples.length) continue;
        const beforeResource = before?.resources.find((r) => r.source.file === resource.source.file && r.source.pointer === resource.source.pointer);
        let module: KindModule;
        try {
          module = await importGenerated<KindModule>(dir!, `ts/${k.group}/${k.version}/${k.kind}.ts`);
        } catch (e) {
          for (const ex of examples) failures.crash.push(`${k.kind} (${ex.file}): import failed: ${(e as Error).message}`);
          attempted += examples.filter((ex) => isObj(ex.request)).length;
          continue;
        }
        for (const example of examples) {
          const where = `${k.group} ${k.version} ${k.kind} (${example.file})`;
          if (!isObj(example.request)) noRequest++;
          if (isObj(example.request)) {
            attempted++;
            let okA = false;
            let okB = false;
            let converted = false;
            try {
              const { spec, secrets } = module.armToSpec(example.request, { armId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg' });
              const collected = module.collectReferences(spec);
              const resolved: ResolvedReferences = {
                resources: new Map(collected.resources.map((r) => [referenceKey(r.reference), r.reference.armId ?? `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Fake/${r.path}`])),
                secrets: new Map(secrets.map((s) => [secretKey(s.reference), s.value])),
              };
              for (const s of collected.secrets) if (!resolved.secrets.has(secretKey(s.reference))) failures.a.push(`${where}: secret ${secretKey(s.reference)} at ${s.path} was not extracted`);
              const arm = module.specToArm(spec, resolved);
              const comparison: Comparison = { problems: [], dropped: new Map() };
              if (!objectOf(before ?? pkg, beforeResource?.putType, example.request)) untyped.push(example.file);
              compare(before ?? pkg, beforeResource?.putType, arm, example.request, '$', comparison, true);
              keptValues += comparison.kept ?? 0;
              for (const [reason, paths] of comparison.dropped) {
                dropped.set(reason, (dropped.get(reason) ?? 0) + paths.length);
                (droppedExamples.get(reason) ?? droppedExamples.set(reason, new Set()).get(reason)!).add(example.file);
              }
              if (comparison.problems.length) failures.a.push(`${where}: ${comparison.problems.slice(0, 3).join('; ')}${comparison.problems.length > 3 ? `; and ${comparison.problems.length - 3} more` : ''}`);
              else okA = true;
              converted = true;

              const crd = crds.get(`${k.group}/${k.kind}`);
              const version = crd?.spec.versions.find((v) => v.name === k.version);
              if (!version) {
                const problems = crdResults.get(`${k.group}/${k.kind}`)?.problems ?? [];
                failures.b.push(`${where}: ${crd ? `no CRD version ${k.version}` : `CRD not written: ${problems.slice(0, 2).map((p) => `${p.path}: ${p.message}`).join('; ') || 'no CRD'}`}`);
              }
              else {
                const key = `${k.group}/${k.kind}/${k.version}`;
                let validate = validators.get(key);
                if (!validate) validators.set(key, (validate = validatorOf(version.schema.openAPIV3Schema)));
                const object = JSON.parse(JSON.stringify({ apiVersion: `${k.group}/${k.version}`, kind: k.kind, metadata: { name: 'x', namespace: 'default' }, spec }));
                if (validate(object)) okB = true;
                else failures.b.push(`${where}: ${(validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ')}`);
              }
            } catch (e) {
              if (converted) failures.b.push(`${where}: validation threw: ${(e as Error).message.split('\n')[0]}`);
              else {
                failures.a.push(`${where}: conversion threw: ${(e as Error).message.split('\n')[0]}`);
                threw++;
              }
            }
            if (okA) passA++;
            if (okB) passB++;
            if (okA && okB) passAB++;
          }
          for (const response of example.responses) {
            responses++;
            try {
              const status = module.armToStatus(response.body);
              const missing: string[] = [];
              statusMissing(pkg, k.statusType ? { kind: 'ref', name: k.statusType } : undefined, status, response.body, '$', missing);
              if (missing.length) failures.c.push(`${where} ${response.code}: not in the status: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ` and ${missing.length - 4} more` : ''}`);
              else passC++;
            } catch (e) {
              failures.c.push(`${where} ${response.code}: armToStatus threw: ${(e as Error).message.split('\n')[0]}`);
            }
          }
        }
      }
    }
    timing['examples'] = performance.now() - started;

    const pct = (n: number, of: number) => `${n}/${of} (${((100 * n) / Math.max(of, 1)).toFixed(1)}%)`;
    const lines = [
      `examples round trip: ${attempted} PUT requests (${threw} threw in the conversion; ${noRequest} examples without a request body; ${untyped.length} requests whose body type the model does not know), ${responses} responses`,
      `  (a) specToArm(armToSpec(request)) = request less what the spec cannot hold: ${pct(passA, attempted)}; ${keptValues} values compared`,
      `  (b) the object validates against its CRD: ${pct(passB, attempted)}`,
      `  (a) and (b): ${pct(passAB, attempted)}`,
      `  (c) armToStatus keeps every value the status type knows: ${pct(passC, responses)}; ${statusChecked.values} values checked`,
      `  values left out, by reason (values, examples): ${[...dropped].map(([r, n]) => `${r} ${n} in ${droppedExamples.get(r)!.size}`).join('; ')}`,
      `  time: ${Object.entries(timing).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`,
    ];
    console.log(lines.join('\n'));
    for (const [name, list] of Object.entries(failures)) if (list.length) console.log(`failures ${name} (${list.length}):\n  ${list.join('\n  ')}`);

    expect(failures.crash).toEqual([]);
    expect(final.packages.length).toBeGreaterThan(100);
    expect(attempted).toBeGreaterThan(500);
    expect(responses).toBeGreaterThan(1000);
    expect(passAB / attempted).toBeGreaterThanOrEqual(MIN_REQUEST_RATE);
    expect(passC / Math.max(responses, 1)).toBeGreaterThanOrEqual(MIN_STATUS_RATE);
  }, 600_000);
});

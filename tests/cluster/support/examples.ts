/**
 * The specs' PUT examples (`x-ms-examples` of every `put` operation of the resource-manager
 * Swagger files) turned into Kubernetes objects by `armkube import`'s own code (`importBody`,
 * one opened output folder for all, instead of a process per example), each with the api-version
 * of the spec that names it, as `armkube import <example> --api-version <version>` does.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { armInputOf } from '../../../generator/cli/arm-input.js';
import { importBody } from '../../../generator/cli/import.js';
import { openGeneratedCode } from '../../../generator/output-reader/load.js';
import { discoverPackages } from '../../../generator/loader/discover.js';

type Json = Record<string, any>;

export interface ExampleFile {
  file: string;
  /** The api-version of the spec folder that names the example (its own `api-version` is often stale). */
  apiVersion?: string;
}

/** Every example file a `put` operation names, once, sorted. */
export function putExampleFiles(specsDir: string): ExampleFile[] {
  const out = new Map<string, ExampleFile>();
  for (const pkg of discoverPackages(specsDir).packages) {
    if (!existsSync(path.join(pkg.dir, 'examples'))) continue;
    for (const file of pkg.files) {
      let doc: Json;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
        for (const ref of Object.values((item?.put?.['x-ms-examples'] ?? {}) as Record<string, Json>)) {
          if (typeof ref?.$ref !== 'string') continue;
          const example = path.resolve(path.dirname(file), ref.$ref);
          if (existsSync(example) && !out.has(example)) out.set(example, { file: example, apiVersion: pkg.apiVersion });
        }
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export interface ImportedObject {
  file: string;
  /** The Kubernetes object (the Secret import also makes is left out: core objects are not the subject). */
  object: Json;
  plural: string;
}

export interface ImportOutcome {
  objects: ImportedObject[];
  /** Examples import refused, with why (no kind in the output, no owner ...). */
  refused: { file: string; reason: string }[];
}

/** Imports every example with the output folder's generated code; object names are made unique (`ex-<n>`). */
export async function importExamples(files: readonly ExampleFile[], outDir: string, specsDir: string): Promise<ImportOutcome> {
  const code = openGeneratedCode(outDir);
  const plurals = new Map(code.entries.map((e) => [`${e.group}/${e.version}/${e.kind}`, e.plural]));
  const outcome: ImportOutcome = { objects: [], refused: [] };
  try {
    for (const [i, { file, apiVersion }] of files.entries()) {
      const rel = path.relative(specsDir, file);
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        outcome.refused.push({ file: rel, reason: `not JSON: ${(e as Error).message}` });
        continue;
      }
      const input = armInputOf(value, file);
      if ('code' in input) {
        outcome.refused.push({ file: rel, reason: `${input.code}: ${input.message}` });
        continue;
      }
      const result = await importBody(input, file, undefined, { name: `ex-${i}`, apiVersion }, code);
      if ('errors' in result) {
        outcome.refused.push({ file: rel, reason: result.errors.map((e) => `${e.code}: ${e.message}`).join('; ') });
        continue;
      }
      const object = result.manifests.at(-1) as Json;
      const plural = plurals.get(`${object.apiVersion}/${object.kind}`);
      if (plural) outcome.objects.push({ file: rel, object, plural });
      else outcome.refused.push({ file: rel, reason: `no plural for ${object.apiVersion} ${object.kind}` });
    }
  } finally {
    code.dispose();
  }
  return outcome;
}

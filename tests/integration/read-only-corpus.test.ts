/**
 * A value Azure computes is never in a spec: over the whole 2021 corpus and the TypeSpec samples,
 * no property of a spec type (after every `aso` stage) is read-only by the Swagger it was declared
 * in. The evidence is read here from the raw JSON with plain fs and JSON.parse, not with the
 * loader: the property's own `readOnly`, else the `readOnly` of what its `$ref` (or an `allOf`
 * member) names, followed through alias chains and across files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../generator/loader/load.js';
import type { Model, Property, Type } from '../../generator/model/types.js';
import { runPipeline } from '../../generator/pipeline/runner.js';
import { asoStages } from '../../generator/targets/aso.js';
import { azureSpecsDir, hasAzureSpecs, repoRoot, typespecSamplesDir } from '../helpers.js';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Raw Swagger evidence of read-only properties, independent of the loader. */
class RawEvidence {
  private readonly docs = new Map<string, Json>();

  constructor(private readonly root: string) {}

  private doc(file: string): Json {
    if (!this.docs.has(file)) {
      if (this.docs.size > 300) this.docs.clear(); // packages are walked one by one: keep memory bounded
      let doc: Json;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        doc = undefined;
      }
      this.docs.set(file, doc);
    }
    return this.docs.get(file);
  }

  private at(file: string, pointer: string): Json {
    let node = this.doc(file);
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) node = node[Number(key)];
      else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
      else return undefined;
    }
    return node;
  }

  /** The schema's own readOnly, else its $ref target's or an allOf member's. */
  private readOnly(schema: Json, file: string, depth: number): boolean {
    if (!isObject(schema) || depth > 20) return false;
    if (typeof schema.readOnly === 'boolean') return schema.readOnly;
    if (typeof schema.$ref === 'string') {
      const [filePart, pointer = ''] = schema.$ref.split('#');
      const target = filePart ? path.resolve(path.dirname(file), decodeURIComponent(filePart)) : file;
      if (this.readOnly(this.at(target, pointer), target, depth + 1)) return true;
    }
    return Array.isArray(schema.allOf) && schema.allOf.some((m) => this.readOnly(m, file, depth + 1));
  }

  /** Whether the property declared at `file#pointer` (file relative to the root) is read-only, and by what. */
  property(relativeFile: string, pointer: string): 'own' | 'referenced' | undefined {
    const file = path.join(this.root, relativeFile);
    const schema = this.at(file, pointer);
    if (!isObject(schema)) return undefined;
    if (schema.readOnly === true) return 'own';
    if (schema.readOnly === undefined && this.readOnly(schema, file, 0)) return 'referenced';
    return undefined;
  }
}

interface Found {
  /** Spec properties checked (with a source in the specs). */
  checked: number;
  /** `<package> <type>.<property> (own|referenced)` for each read-only spec property. */
  violations: string[];
}

/** Every property (inline objects included) of every spec type of the model. */
function specProperties(model: Model, visit: (pkgId: string, typeName: string, p: Property) => void): void {
  for (const pkg of model.packages) {
    for (const def of Object.values(pkg.types)) {
      if (def.side !== 'spec') continue;
      const walk = (t: Type): void => {
        if (t.kind === 'object') {
          for (const p of t.properties) {
            visit(pkg.id, def.name, p);
            walk(p.type);
          }
          if (t.additionalProperties) walk(t.additionalProperties);
        } else if (t.kind === 'array') walk(t.items);
        else if (t.kind === 'map') walk(t.values);
        else if (t.kind === 'union') t.variants.forEach((v) => walk(v.type));
      };
      walk(def.type);
    }
  }
}

function check(model: Model, evidence: RawEvidence): Found {
  const found: Found = { checked: 0, violations: [] };
  specProperties(model, (pkgId, typeName, p) => {
    if (!p.source) return;
    found.checked++;
    const why = evidence.property(p.source.file, p.source.pointer);
    if (why) found.violations.push(`${pkgId} ${typeName}.${p.name} (${why})`);
  });
  return found;
}

/** Loaded (pre-pipeline) properties that the raw evidence calls read-only by reference only. */
function referencedReadOnly(model: Model, evidence: RawEvidence): string[] {
  const out: string[] = [];
  for (const pkg of model.packages) {
    for (const def of Object.values(pkg.types)) {
      if (def.type.kind !== 'object') continue;
      for (const p of def.type.properties) {
        if (p.source && evidence.property(p.source.file, p.source.pointer) === 'referenced') out.push(`${pkg.id} ${def.name}.${p.armName}`);
      }
    }
  }
  return out;
}

describe.skipIf(!existsSync(typespecSamplesDir))('read-only properties on the TypeSpec samples', () => {
  let input: Model;
  let output: Model;
  const evidence = new RawEvidence(typespecSamplesDir);
  beforeAll(() => {
    input = loadSpecs({ specsDir: typespecSamplesDir }).model;
    output = runPipeline(input, asoStages).model;
  });

  it('finds read-only-by-reference properties in the raw Swagger (the common-types v4/v5 private link provisioning state)', () => {
    const referenced = referencedReadOnly(input, evidence);
    expect(referenced.some((r) => r.endsWith('PrivateEndpointConnectionProperties.provisioningState'))).toBe(true);
  });

  it('puts none of them, nor any other read-only property, in a spec', () => {
    const found = check(output, evidence);
    expect(found.checked).toBeGreaterThan(100);
    expect(found.violations).toEqual([]);
  });

  it('keeps the private endpoint connection provisioningState in the status, out of the spec', () => {
    const pkg = output.packages.find((p) => p.resources.some((r) => r.kubernetes?.kind === 'TrackedResourcesPrivateEndpointConnection'))!;
    const k = pkg.resources.find((r) => r.kubernetes?.kind === 'TrackedResourcesPrivateEndpointConnection')!.kubernetes!;
    const names = (typeName: string) => {
      const t = pkg.types[typeName].type;
      return t.kind === 'object' ? t.properties.map((p) => p.name) : [];
    };
    expect(names(k.specType!)).not.toContain('provisioningState');
    expect(names(k.specType!)).toContain('privateLinkServiceConnectionState');
    expect(names(k.statusType!)).toContain('provisioningState');
  });
});

describe.skipIf(!existsSync(typespecSamplesDir))('render never sends a read-only value', () => {
  const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
  const armkube = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  it('a private endpoint connection with provisioningState: validate refuses the field, render leaves it out', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-readonly-'));
    try {
      const out = path.join(dir, 'out');
      expect(armkube('generate', '--all', '--no-docs', '--specs', typespecSamplesDir, '--out', out).status).toBe(0);
      const cr = path.join(dir, 'pec.yaml');
      writeFileSync(cr, `apiVersion: privatelinktest.azure.com/v20230801
kind: TrackedResourcesPrivateEndpointConnection
metadata:
  name: pec
spec:
  owner:
    armId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.PrivateLinkTest/trackedResources/t1
  privateLinkServiceConnectionState:
    status: Approved
  provisioningState: Succeeded
`);
      const validated = armkube('validate', cr, '--output', out);
      expect(validated.status).toBe(1);
      expect(validated.stdout).toContain('spec.provisioningState: unknown field');
      // render checks the object as validate does: the read-only field is refused, never sent.
      const refused = armkube('render', cr, '--output', out);
      expect(refused.status).toBe(1);
      expect(refused.stderr + refused.stdout).toContain('spec.provisioningState: unknown field');
      writeFileSync(cr, readFileSync(cr, 'utf8').replace('  provisioningState: Succeeded\n', ''));
      const rendered = armkube('render', cr, '--output', out);
      expect(rendered.status, rendered.stderr).toBe(0);
      expect(JSON.parse(rendered.stdout)).toEqual({ properties: { privateLinkServiceConnectionState: { status: 'Approved' } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!hasAzureSpecs)('read-only properties over the whole 2021 corpus', () => {
  let input: Model;
  let output: Model;
  const evidence = new RawEvidence(azureSpecsDir);
  beforeAll(() => {
    input = loadSpecs({ specsDir: azureSpecsDir }).model;
    output = runPipeline(input, asoStages).model;
  });

  it('finds read-only-by-reference properties in the raw Swagger, Cosmos DB Location.provisioningState among them', () => {
    const referenced = referencedReadOnly(input, evidence);
    expect(referenced.length).toBeGreaterThan(100);
    expect(referenced).toContain('cosmos-db/resource-manager/Microsoft.DocumentDB/stable/2021-06-15 Location.provisioningState');
  });

  it('puts no read-only property in any spec', () => {
    const found = check(output, evidence);
    expect(found.checked).toBeGreaterThan(100_000);
    expect(found.violations).toEqual([]);
  });

  it('keeps Cosmos DB locations[].provisioningState in the status only', () => {
    const pkg = output.packages.find((p) => p.id === 'cosmos-db/resource-manager/Microsoft.DocumentDB/stable/2021-06-15')!;
    const account = pkg.resources.find((r) => r.armType === 'Microsoft.DocumentDB/databaseAccounts')!.kubernetes!;
    const locationsOf = (typeName: string) => {
      const t = pkg.types[typeName].type;
      const locations = t.kind === 'object' ? t.properties.find((p) => p.name === 'locations') : undefined;
      const items = locations?.type.kind === 'array' ? locations.type.items : undefined;
      const location = items?.kind === 'ref' ? pkg.types[items.name].type : undefined;
      return location?.kind === 'object' ? location.properties.map((p) => p.name) : [];
    };
    expect(locationsOf(account.specType!)).toEqual(expect.arrayContaining(['locationName', 'failoverPriority']));
    expect(locationsOf(account.specType!)).not.toContain('provisioningState');
    expect(locationsOf(account.statusType!)).toContain('provisioningState');
  });
});

/**
 * `node dist/scripts/credential-matches.js [--specs DIR]`: what the credential rule
 * (generator/pipeline/credential-rule.ts) takes over a whole specs tree, for reading the list for
 * false positives. Loads every package, runs the aso stages up to `secrets`, and lists each ARM
 * property name the rule matches: how often on the spec and the status side, how often the
 * Swagger marks it `x-ms-secret` anyway, its types and two places. Then the names that match
 * but whose type the rule excludes (objects, unions, enums, booleans ...).
 */
import { resolveSpecsDir } from '../generator/cli/specs-dir.js';
import { loadSpecs } from '../generator/loader/load.js';
import type { ApiPackage, Type } from '../generator/model/types.js';
import { mapType } from '../generator/model/walk.js';
import { isCredential, isCredentialName } from '../generator/pipeline/credential-rule.js';
import { runPipeline } from '../generator/pipeline/runner.js';
import { asoStages } from '../generator/targets/aso.js';

interface Entry {
  spec: number;
  status: number;
  marked: number;
  types: Set<string>;
  examples: Set<string>;
}

function typeText(pkg: ApiPackage, t: Type | undefined, depth = 0): string {
  let r = t;
  for (let i = 0; r?.kind === 'ref' && i < 10; i++) r = pkg.types[r.name]?.type;
  if (!r || depth > 3) return '?';
  if (r.kind === 'primitive') return r.format ? `${r.primitive}:${r.format}` : r.primitive;
  if (r.kind === 'array') return `array<${typeText(pkg, r.items, depth + 1)}>`;
  if (r.kind === 'map') return `map<${typeText(pkg, r.values, depth + 1)}>`;
  return r.kind;
}

const i = process.argv.indexOf('--specs');
const specs = resolveSpecsDir(i >= 0 ? process.argv[i + 1] : undefined);
if ('error' in specs) {
  process.stderr.write(`credential-matches: ${specs.error}\n`);
  process.exit(2);
}
const { model } = loadSpecs({ specsDir: specs.dir });
const result = runPipeline(model, asoStages.slice(0, asoStages.findIndex((s) => s.id === 'secrets')));
const matched = new Map<string, Entry>();
const excluded = new Map<string, Entry>();
for (const pkg of result.model.packages) {
  for (const [name, def] of Object.entries(pkg.types)) {
    if (!def.side) continue;
    const side = def.side;
    mapType(def.type, (node) => {
      if (node.kind !== 'object') return node;
      for (const p of node.properties) {
        if (!isCredentialName(p.armName)) continue;
        const into = isCredential(pkg, p) ? matched : excluded;
        const e = into.get(p.armName) ?? { spec: 0, status: 0, marked: 0, types: new Set<string>(), examples: new Set<string>() };
        e[side]++;
        if (p.secret) e.marked++;
        e.types.add(typeText(pkg, p.type));
        if (e.examples.size < 2) e.examples.add(`${pkg.namespace} ${pkg.apiVersion} ${name}`);
        into.set(p.armName, e);
      }
      return node;
    });
  }
}
const table = (m: Map<string, Entry>) =>
  [...m]
    .sort((a, b) => b[1].spec + b[1].status - (a[1].spec + a[1].status) || (a[0] < b[0] ? -1 : 1))
    .map(([k, e]) => `${String(e.spec).padStart(6)} ${String(e.status).padStart(6)} ${String(e.marked).padStart(6)}  ${k}  [${[...e.types].join(', ')}]  ${[...e.examples].join('; ')}`)
    .join('\n');
process.stdout.write(`matched by the rule (spec, status, of them x-ms-secret; name; types; places):\n${table(matched)}\n\nnamed like a credential, type excluded:\n${table(excluded)}\n`);

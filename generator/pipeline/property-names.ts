/**
 * property-names: the final Kubernetes name of every property of the spec and status types.
 *
 * A name is the camelCase of the current name (`IPAddress` → `ipAddress`; names an earlier stage
 * chose, such as `fooReference` or `azureName`, stay as they are), made a valid identifier
 * (`$type` → `type`, `@odata.type` → `odataType`, a leading digit gets a `_`; reported), unless
 * a config override renames it; a `description` override replaces the description.
 *
 * Two properties of one object whose names are equal case-insensitively (Kubernetes decodes JSON
 * case-insensitively) would clash: the later one in property order gets the first free suffix
 * `2`, `3`, ... and is reported. Properties with a `role` keep their names; an ARM property that
 * collides with one is named `arm<Name>` (`armOwner`). Union variant names follow the same rules
 * within their union. Renames other than camel-casing are annotated
 * `{ renamed: 'config' | 'identifier' | 'collision' }`.
 *
 * Runs after `spec-status` and after every stage that adds or renames properties
 * (`flatten-properties`, `arm-references`, `secrets`, `owner-scope`), so that collisions are
 * resolved once, on the final property lists.
 */
import type { ApiPackage, ObjectType, Property, UnionType } from '../model/types.js';
import { mapPackages, mapType } from '../model/walk.js';
import { camelCase } from '../naming/words.js';
import { findOverride, mapKubernetesTypes, mapSame, oncePerSource, type SideDefinition } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `property-names` stage: camelCase Kubernetes property names, valid and unique per object
 * (collisions suffixed and reported), with the renames and descriptions of the config.
 */
export const propertyNamesStage: Stage = {
  id: 'property-names',
  description: 'camelCase Kubernetes property names, valid and unique per object; config renames and descriptions',
  requires: ['spec-status'],
  runsAfter: ['flatten-properties', 'arm-references', 'secrets', 'owner-scope'],
  run(model, context) {
    const cache = new Map<string, string>();
    return mapPackages(model, (pkg) => new Namer(pkg, context, cache).run());
  },
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A camelCase identifier for `name`: characters outside `[A-Za-z0-9]` separate words; a leading digit gets `_`. */
export function kubernetesName(name: string): string {
  const camel = camelCase(name);
  if (IDENTIFIER.test(camel)) return camel;
  const cleaned = camel.replace(/[^A-Za-z0-9_]/g, '');
  if (cleaned === '') return 'property';
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

type Why = 'config' | 'identifier' | 'collision';

/** Names the properties of one package. */
class Namer {
  private readonly once = oncePerSource();

  constructor(
    private readonly pkg: ApiPackage,
    private readonly context: StageContext,
    /** `kubernetesName` results, shared by all packages of a run: names repeat a lot. */
    private readonly cache: Map<string, string>,
  ) {}

  run(): ApiPackage {
    return mapKubernetesTypes(this.pkg, (def) => {
      const type = mapType(def.type, (node) => {
        if (node.kind === 'object') return this.object(def, node);
        if (node.kind === 'union') return this.union(def, node);
        return node;
      });
      return type === def.type ? def : { ...def, type };
    });
  }

  private nameOf(name: string): string {
    let out = this.cache.get(name);
    if (out === undefined) this.cache.set(name, (out = kubernetesName(name)));
    return out;
  }

  private object(def: SideDefinition, node: ObjectType): ObjectType {
    const { context } = this;
    const why = new Map<number, Why>();
    const wanted = node.properties.map((p, i) => {
      if (p.role !== undefined) return p.name;
      const rename = findOverride(context, this.pkg, def.name, p, 'rename')?.rename;
      const where = p.source ?? def.source;
      if (rename !== undefined) {
        why.set(i, 'config');
        if (IDENTIFIER.test(rename)) return rename;
        const fixed = kubernetesName(rename);
        context.diagnostics.warning('rename-invalid', `${def.name}.${p.armName}: the configured name ${JSON.stringify(rename)} is not a valid identifier; ${fixed} is used`, where);
        return fixed;
      }
      const name = this.nameOf(p.name);
      if (!IDENTIFIER.test(p.name)) {
        why.set(i, 'identifier');
        if (this.once('property-name-invalid', where)) context.diagnostics.info('property-name-invalid', `${def.name}: property ${JSON.stringify(p.name)} is not a valid identifier; it is named ${name}`, where);
      }
      return name;
    });
    const names = unique(wanted, node.properties.map((p) => p.role !== undefined), (name, final, i) => {
      const p = node.properties[i];
      const where = p.source ?? def.source;
      why.set(i, 'collision');
      if (this.once('property-name-collision', where)) {
        context.diagnostics.warning('property-name-collision', `${def.name}: property ${p.armName} would be named ${name}, like an earlier property of the object; it is named ${final}`, where);
      }
    });
    const properties = mapSame(node.properties, (p, i) => {
      const description = p.role === undefined ? findOverride(context, this.pkg, def.name, p, 'description')?.description : undefined;
      if (names[i] === p.name && (description === undefined || description === p.description)) return p;
      const next: Property = { ...p, name: names[i] };
      if (names[i] !== p.name) context.count('propertiesRenamed');
      const reason = why.get(i);
      if (reason) next.annotations = { ...p.annotations, renamed: reason };
      if (description !== undefined) {
        next.description = description;
        context.count('descriptionsOverridden');
      }
      return next;
    });
    return properties === node.properties ? node : { ...node, properties };
  }

  private union(def: SideDefinition, node: UnionType): UnionType {
    const wanted = node.variants.map((v) => this.nameOf(v.name));
    const names = unique(wanted, [], (name, final) => {
      if (this.once('property-name-collision', def.source)) {
        this.context.diagnostics.warning('property-name-collision', `${def.name}: two variants of the union would be named ${name}; the later one is named ${final}`, def.source);
      }
    });
    const variants = mapSame(node.variants, (v, i) => (names[i] === v.name ? v : { ...v, name: names[i] }));
    if (variants === node.variants) return node;
    this.context.count('variantsRenamed', names.filter((n, i) => n !== node.variants[i].name).length);
    return { ...node, variants };
  }
}

/**
 * Makes names unique case-insensitively: the first holder of a name keeps it (pinned entries, the
 * Kubernetes-only properties, before all others); each later one gets the first suffix `2`, `3`,
 * ... that no entry holds, or, when a pinned entry holds the name, `arm<Name>` (the ARM `owner`
 * beside the Kubernetes `owner` becomes `armOwner`).
 */
function unique(wanted: string[], pinned: boolean[], onCollision: (name: string, final: string, index: number) => void): string[] {
  if (new Set(wanted.map((w) => w.toLowerCase())).size === wanted.length) return wanted;
  const holder = new Map<string, number>();
  const order = [...wanted.keys()].sort((a, b) => Number(pinned[b] ?? false) - Number(pinned[a] ?? false) || a - b);
  for (const i of order) if (!holder.has(wanted[i].toLowerCase())) holder.set(wanted[i].toLowerCase(), i);
  const taken = new Set(holder.keys());
  return wanted.map((name, i) => {
    const h = holder.get(name.toLowerCase())!;
    if (h === i) return name;
    const stem = pinned[h] ? `arm${name[0].toUpperCase()}${name.slice(1)}` : name;
    let final = stem === name ? `${name}2` : stem;
    for (let n = stem === name ? 3 : 2; taken.has(final.toLowerCase()); n++) final = `${stem}${n}`;
    taken.add(final.toLowerCase());
    onCollision(name, final, i);
    return final;
  });
}

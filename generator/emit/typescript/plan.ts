/**
 * The plan of one package: what the TypeScript emitter writes and where, decided before any text
 * is written.
 *
 *   - Inline objects and unions are hoisted into named types (`<Owner>_<Property>`, `_STATUS`
 *     kept last), so that every object has an interface and its own converter functions.
 *   - Every named type gets its TypeScript names (Kubernetes shape, ARM shape `<Name>_ARM`,
 *     envelopes `<Name>_<Envelope>_ARM`, converter functions `<name>_specToArm` ...), unique in
 *     the package; kinds claim theirs first, so a model type named like a kind is renamed.
 *   - Placement: a type reached from one kind only lives in that kind's file; a type reached from
 *     several kinds of the package lives in the shared `types.ts` of the folder.
 *   - Which conversions each type needs: the spec side (`specToArm`, `armToSpec`,
 *     `collectReferences` when it holds references) and the status side (`armToStatus`), and
 *     what their signatures carry (references, secrets, unions).
 */
import type { ApiPackage, EnumValue, KubernetesResourceInfo, Model, ObjectType, Property, Resource, Type, TypeDefinition } from '../../model/types.js';
import { referencedNames } from '../../model/walk.js';
import type { EmitContext } from '../emitter.js';
import { armLayout, envelopesOf, isKubernetesOnly, isVariantProperty, type ArmNode } from './arm-layout.js';
import { functionStem, NameAllocator, packageFolder, pascal, secretName } from './names.js';

export const SHARED = 'shared';

export interface VariantTag {
  /** The ARM discriminator property. */
  discriminator: string;
  value: string;
}

export interface PlannedType {
  /** Model name (after hoisting). */
  name: string;
  def: TypeDefinition;
  /** TypeScript name of the Kubernetes shape. */
  tsName: string;
  /** TypeScript name of the ARM shape; undefined when it is the Kubernetes shape (enums, primitives) or not needed. */
  armName?: string;
  /** The file the type is declared in: a kind's key, or `SHARED`. */
  home: string;
  /** Reached from a spec through ARM properties: converted by `specToArm` and `armToSpec`. */
  spec: boolean;
  /** Reached from a status through ARM properties: converted by `armToStatus`. */
  status: boolean;
  /** Holds resource or secret references, here or below: has `collectReferences`, and `specToArm` takes the resolved values. */
  hasReferences: boolean;
  /** Holds secret references, here or below: `armToSpec` takes the secret sink. */
  hasSecrets: boolean;
  /** Holds a union, here or below: `specToArm` takes a path to name in errors. */
  hasUnions: boolean;
  /** When the object is a variant of a union: the discriminator its ARM body carries. */
  variant?: VariantTag;
  /** Known values of a named open enum (made a string by `validations`). */
  knownValues?: EnumValue['value'][];
  /** The ARM layout of an object with an ARM shape (envelopes named). */
  layout?: ArmNode;
  functions: { specToArm: string; armToSpec: string; collectReferences: string; armToStatus: string };
  /** Set for the spec and status of a kind. */
  top?: { kind: KindPlan; role: 'spec' | 'status' };
  /**
   * A kind's spec or status that no other type refers to: it lives in the kind's file and the
   * kind's own functions (`specToArm` ...) convert it. A top that other types refer to (a status
   * embedded in another resource's status) is converted by functions of its own, like any type.
   */
  inline: boolean;
}

export interface KindPlan {
  resource: Resource;
  info: KubernetesResourceInfo & { specType: string };
  /** File key. */
  key: string;
  /** Name of the resource interface: the kind. */
  tsName: string;
  /** Output path, `ts/<group>/<version>/<Kind>.ts`. */
  path: string;
  spec: PlannedType;
  status?: PlannedType;
  /** The Kubernetes Secret name `armToSpec` gives extracted secret values. */
  secretName: string;
}

export interface PackagePlan {
  pkg: ApiPackage;
  types: Map<string, PlannedType>;
  kinds: KindPlan[];
  /** Output path of the shared types. */
  sharedPath: string;
  /** Looks up a named type; undefined when dangling. */
  get(name: string): PlannedType | undefined;
  /** The type a ref names, through aliases of aliases. */
  resolve(t: Type): Type | undefined;
}

/** The functions of each kind's file (the registry lists them). */
const KIND_FUNCTIONS = ['collectReferences', 'specToArm', 'armToSpec', 'armToStatus'];

/**
 * The plan of a package whose files go to `folder`. `sharedFile` is the base name of the shared
 * file (`types`, or another name when a kind of the folder is called `Types`).
 */
/**
 * Plans every package that has kinds, in model order. The file names of one output folder (kinds
 * and the shared file, `types`, `types2` ...) are kept apart case-insensitively, for
 * case-insensitive disks.
 */
export function* planPackages(model: Model, context: EmitContext): Generator<PackagePlan> {
  const folders = new Map<string, Set<string>>();
  for (const pkg of model.packages) {
    const first = pkg.resources.find((r) => r.kubernetes)?.kubernetes;
    if (!first) continue;
    const folder = packageFolder(first.group, first.version);
    const taken = folders.get(folder) ?? folders.set(folder, new Set()).get(folder)!;
    for (const r of pkg.resources) if (r.kubernetes) taken.add(r.kubernetes.kind.toLowerCase());
    let shared = 'types';
    for (let i = 2; taken.has(shared); i++) shared = `types${i}`;
    taken.add(shared);
    yield planPackage(pkg, folder, shared, context);
  }
}

/** The types that live in a file: `first` (when they do), then the others in model order. */
export function homedIn(plan: PackagePlan, key: string, first: (PlannedType | undefined)[]): PlannedType[] {
  const out = first.filter((t): t is PlannedType => t !== undefined && t.home === key);
  const listed = new Set(out);
  for (const t of plan.types.values()) if (t.home === key && !listed.has(t)) out.push(t);
  return out;
}

export function planPackage(pkg: ApiPackage, folder: string, sharedFile: string, context: EmitContext): PackagePlan {
  const types = hoistInlineTypes(pkg);
  const typeNames = new NameAllocator();
  const valueNames = new NameAllocator();
  for (const name of KIND_FUNCTIONS) valueNames.claim(name);

  // Kinds first: the kind and its ARM body keep their names.
  const kinds: KindPlan[] = [];
  const tops = new Map<string, { kind: KindPlan; role: 'spec' | 'status' }>();
  const pending: { resource: Resource; info: KubernetesResourceInfo & { specType: string }; tsName: string }[] = [];
  for (const resource of pkg.resources) {
    const info = resource.kubernetes;
    if (!info) continue;
    if (!info.specType || types[info.specType]?.type.kind !== 'object') {
      context.diagnostics.warning('ts-no-spec', `${info.group}/${info.version} ${info.kind} (${resource.armType}) has no spec object; no TypeScript is emitted for it`, resource.source);
      continue;
    }
    const tsName = typeNames.claim(info.kind, (n) => [`${n}_ARM`]);
    if (tsName !== info.kind) context.diagnostics.warning('ts-kind-renamed', `the kind ${info.kind} is named ${tsName} in TypeScript: its name is reserved`, resource.source);
    pending.push({ resource, info: info as KubernetesResourceInfo & { specType: string }, tsName });
  }

  const planned = new Map<string, PlannedType>();
  const newType = (name: string, def: TypeDefinition, tsName: string, armName: string | undefined): PlannedType => {
    const t: PlannedType = {
      name,
      def,
      tsName,
      armName,
      home: SHARED,
      spec: false,
      status: false,
      hasReferences: false,
      hasSecrets: false,
      hasUnions: false,
      inline: false,
      functions: { specToArm: '', armToSpec: '', collectReferences: '', armToStatus: '' },
    };
    planned.set(name, t);
    return t;
  };

  for (const p of pending) {
    const kind: KindPlan = {
      resource: p.resource,
      info: p.info,
      key: `kind:${p.tsName}`,
      tsName: p.tsName,
      path: `${folder}/${p.tsName}.ts`,
      secretName: secretName(p.info.kind),
      spec: undefined as unknown as PlannedType,
    };
    const specDef = types[p.info.specType];
    kind.spec = newType(p.info.specType, specDef, typeNames.claim(p.info.specType), `${p.tsName}_ARM`);
    tops.set(p.info.specType, { kind, role: 'spec' });
    const statusDef = p.info.statusType ? types[p.info.statusType] : undefined;
    if (statusDef && statusDef.type.kind === 'object' && !tops.has(p.info.statusType!)) {
      const tsName = typeNames.claim(p.info.statusType!, (n) => [`${n}_ARM`]);
      kind.status = newType(p.info.statusType!, statusDef, tsName, `${tsName}_ARM`);
      tops.set(p.info.statusType!, { kind, role: 'status' });
    }
    kinds.push(kind);
  }

  // Every other named type a kind reaches, in model order.
  const reachedBy = kindsReaching(types, kinds);
  const resolve = (t: Type): Type | undefined => {
    let r: Type | undefined = t;
    for (let hops = 0; r?.kind === 'ref'; hops++) r = hops > 32 ? undefined : types[r.name]?.type;
    return r;
  };
  const armDiffers = armDiffersMemo(types);
  for (const [name, def] of Object.entries(types)) {
    if (planned.has(name) || !reachedBy.has(name)) continue;
    const needsArm = def.type.kind === 'object' || def.type.kind === 'union' || armDiffers(def.type);
    const tsName = typeNames.claim(name, (n) => (needsArm ? [`${n}_ARM`] : []));
    newType(name, def, tsName, needsArm ? `${tsName}_ARM` : undefined);
  }
  const referenced = new Set<string>();
  for (const t of planned.values()) referencedNames(t.def.type, referenced);
  for (const [name, t] of planned) {
    const top = tops.get(name);
    if (top) t.top = top;
    t.inline = top !== undefined && !referenced.has(name);
    const reached = reachedBy.get(name);
    t.home = t.inline ? top!.kind.key : reached && reached.size === 1 ? [...reached][0] : SHARED;
  }

  markArmSides(planned, kinds);
  markFlags(planned, kinds);
  markVariants(planned, context);
  markKnownValues(planned);

  // Envelope names and converter function names, once every type name is taken.
  for (const t of planned.values()) {
    if (t.def.type.kind === 'object' && t.armName && (t.spec || t.status)) {
      t.layout = armLayout(t.def.type, (p, reason) =>
        context.diagnostics.warning('ts-arm-path-conflict', `${t.name}.${p.name} is left out of the ARM shape: ${reason}`, p.source ?? t.def.source),
      );
      const base = t.armName.replace(/_ARM$/, '');
      for (const e of envelopesOf(t.layout)) e.node.interfaceName = typeNames.claim(`${base}_${e.node.path.map(pascal).join('_')}_ARM`);
    }
    const convertible = t.def.type.kind === 'object' || t.def.type.kind === 'union';
    if (t.inline || !convertible) continue;
    const fn = functionStem(t.tsName);
    if (t.spec) {
      t.functions.specToArm = valueNames.claim(`${fn}_specToArm`);
      t.functions.armToSpec = valueNames.claim(`${fn}_armToSpec`);
      if (t.hasReferences) t.functions.collectReferences = valueNames.claim(`${fn}_collectReferences`);
    }
    if (t.status) t.functions.armToStatus = valueNames.claim(`${fn}_armToStatus`);
  }

  return {
    pkg,
    types: planned,
    kinds,
    sharedPath: `${folder}/${sharedFile}.ts`,
    get: (name) => planned.get(name),
    resolve,
  };
}

/**
 * The package's types with every inline object and union (below the root of a named type) moved
 * into a named type of its own, inserted right after the type it came from. Names:
 * `<Owner>_<Property>` (`_Spec` dropped, `_STATUS` kept last), unique in the package.
 */
export function hoistInlineTypes(pkg: ApiPackage): Record<string, TypeDefinition> {
  const out: Record<string, TypeDefinition> = {};
  const taken = new Set(Object.keys(pkg.types));
  const claim = (wanted: string) => {
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
    taken.add(name);
    return name;
  };

  for (const [name, def] of Object.entries(pkg.types)) {
    const hoisted: TypeDefinition[] = [];
    const nameFor = (owner: string, part: string) => {
      const status = /_STATUS\d*$/.exec(owner);
      const base = owner.replace(/_STATUS\d*$/, '').replace(/_Spec\d*$/, '');
      return claim(`${base}_${pascal(part)}${status ? '_STATUS' : ''}`);
    };
    /** `t` with inline objects and unions replaced by references to new named types. */
    const hoist = (t: Type, owner: string, part: string): Type => {
      switch (t.kind) {
        case 'object':
        case 'union': {
          const newName = nameFor(owner, part);
          const entry: TypeDefinition = { name: newName, type: t, side: def.side };
          hoisted.push(entry);
          entry.type = inside(t, newName);
          return { kind: 'ref', name: newName };
        }
        case 'array': {
          const items = hoist(t.items, owner, part);
          return items === t.items ? t : { ...t, items };
        }
        case 'map': {
          const values = hoist(t.values, owner, part);
          return values === t.values ? t : { ...t, values };
        }
        default:
          return t;
      }
    };
    /** An object's or union's own children hoisted (the root itself stays). */
    const inside = (t: Type, owner: string): Type => {
      if (t.kind === 'object') {
        let changed = false;
        const properties = t.properties.map((p): Property => {
          const type = hoist(p.type, owner, p.name);
          if (type === p.type) return p;
          changed = true;
          return { ...p, type };
        });
        return changed ? { ...t, properties } : t;
      }
      if (t.kind === 'union') {
        let changed = false;
        const variants = t.variants.map((v) => {
          const type = hoist(v.type, owner, v.name);
          if (type === v.type) return v;
          changed = true;
          return { ...v, type };
        });
        return changed ? { ...t, variants } : t;
      }
      return hoist(t, owner, 'Item');
    };
    const type = inside(def.type, name);
    out[name] = type === def.type ? def : { ...def, type };
    // Hoisted types may hoist more (depth first): each went into `hoisted` as it was made.
    for (const h of hoisted) out[h.name] = h;
  }
  return out;
}

/** For each named type, the keys of the kinds that reach it (through any property). */
function kindsReaching(types: Record<string, TypeDefinition>, kinds: KindPlan[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const kind of kinds) {
    const stack = [kind.spec.name];
    if (kind.status) stack.push(kind.status.name);
    const seen = new Set<string>();
    while (stack.length) {
      const name = stack.pop()!;
      if (seen.has(name) || !types[name]) continue;
      seen.add(name);
      (out.get(name) ?? out.set(name, new Set()).get(name)!).add(kind.key);
      for (const n of referencedNames(types[name].type)) if (!seen.has(n)) stack.push(n);
    }
  }
  return out;
}

/** The named types directly referenced by a type through ARM properties (Kubernetes-only properties skipped). */
function armReferences(t: Type, out: string[] = []): string[] {
  switch (t.kind) {
    case 'ref':
      out.push(t.name);
      break;
    case 'object':
      for (const p of t.properties) if (!isKubernetesOnly(p)) armReferences(p.type, out);
      break;
    case 'array':
      armReferences(t.items, out);
      break;
    case 'map':
      armReferences(t.values, out);
      break;
    case 'union':
      for (const v of t.variants) armReferences(v.type, out);
      break;
  }
  return out;
}

/** Marks the types that spec and status conversions reach (Kubernetes-only properties such as `conditions` do not count). */
function markArmSides(planned: Map<string, PlannedType>, kinds: KindPlan[]): void {
  const mark = (root: string, side: 'spec' | 'status') => {
    const stack = [root];
    while (stack.length) {
      const t = planned.get(stack.pop()!);
      if (!t || t[side]) continue;
      t[side] = true;
      stack.push(...armReferences(t.def.type));
    }
  };
  for (const kind of kinds) {
    mark(kind.spec.name, 'spec');
    if (kind.status) mark(kind.status.name, 'status');
  }
}

/** `hasReferences`, `hasSecrets`, `hasUnions`: what a type holds here or below, to a fixed point (cycles are harmless). */
function markFlags(planned: Map<string, PlannedType>, kinds: KindPlan[]): void {
  const direct = (t: Type, flag: 'hasReferences' | 'hasSecrets' | 'hasUnions'): boolean => {
    switch (t.kind) {
      case 'resourceRef':
        return flag === 'hasReferences';
      case 'secretRef':
        return flag === 'hasReferences' || flag === 'hasSecrets';
      case 'union':
        return flag === 'hasUnions' || t.variants.some((v) => direct(v.type, flag));
      case 'object':
        return t.properties.some((p) => !isKubernetesOnly(p) && direct(p.type, flag));
      case 'array':
        return direct(t.items, flag);
      case 'map':
        return direct(t.values, flag);
      default:
        return false;
    }
  };
  // Who refers to each type: a flag set on a type is then passed to those that reach it, each
  // type visited once per flag (repeated sweeps until nothing changes were quadratic in chains).
  const referrers = new Map<string, PlannedType[]>();
  for (const t of planned.values()) {
    for (const n of new Set(armReferences(t.def.type))) (referrers.get(n) ?? referrers.set(n, []).get(n)!).push(t);
  }
  for (const flag of ['hasReferences', 'hasSecrets', 'hasUnions'] as const) {
    const queue: PlannedType[] = [];
    for (const t of planned.values()) if ((t[flag] = direct(t.def.type, flag))) queue.push(t);
    while (queue.length) {
      for (const r of referrers.get(queue.pop()!.name) ?? []) {
        if (r[flag]) continue;
        r[flag] = true;
        queue.push(r);
      }
    }
  }
  // A polymorphic resource body is a union too.
  for (const kind of kinds) {
    for (const top of [kind.spec, kind.status]) if (top && isPolymorphic(top.def.type)) top.hasUnions = true;
  }
}

/** A resource body that is one of several variants (`discriminator` and variant properties). */
export function isPolymorphic(t: Type): t is ObjectType & { discriminator: string } {
  return t.kind === 'object' && t.discriminator !== undefined && t.properties.some(isVariantProperty);
}

/** The discriminator each variant object carries in its ARM body, from the unions and polymorphic bodies that name it. */
function markVariants(planned: Map<string, PlannedType>, context: EmitContext): void {
  const tag = (name: string, tag: VariantTag, where: PlannedType) => {
    const t = planned.get(name);
    if (!t) return;
    if (t.def.type.kind !== 'object') {
      context.diagnostics.warning('ts-variant-not-object', `${where.name}: the variant ${tag.value} is ${name}, not an object; its ARM body gets no ${tag.discriminator}`, where.def.source);
      return;
    }
    if (t.variant && (t.variant.discriminator !== tag.discriminator || t.variant.value !== tag.value)) {
      context.diagnostics.warning(
        'ts-variant-conflict',
        `${name} is the variant ${t.variant.discriminator}=${t.variant.value} and also ${tag.discriminator}=${tag.value} (in ${where.name}); its ARM body carries the first`,
        t.def.source,
      );
      return;
    }
    const clash = t.def.type.properties.find((p) => !isKubernetesOnly(p) && (p.armPath?.[0] ?? p.armName) === tag.discriminator);
    if (clash) {
      context.diagnostics.warning('ts-discriminator-clash', `${name} has a property ${clash.name} at the ARM discriminator ${tag.discriminator}; the discriminator is not added`, clash.source ?? t.def.source);
      return;
    }
    t.variant = tag;
  };
  for (const t of planned.values()) {
    const type = t.def.type;
    if (type.kind === 'union') {
      for (const v of type.variants) if (v.type.kind === 'ref') tag(v.type.name, { discriminator: type.discriminator, value: v.value }, t);
    } else if (isPolymorphic(type)) {
      for (const p of type.properties) {
        if (isVariantProperty(p) && p.type.kind === 'ref') tag(p.type.name, { discriminator: type.discriminator, value: p.variant! }, t);
      }
    }
  }
}

/** Named string types that stand for an open enum: the known values recorded on the properties that use them. */
function markKnownValues(planned: Map<string, PlannedType>): void {
  for (const t of planned.values()) {
    if (t.def.type.kind !== 'object') continue;
    for (const p of t.def.type.properties) {
      const known = knownValuesOf(p);
      if (!known) continue;
      const element = elementType(p.type);
      if (element.kind !== 'ref') continue;
      const target = planned.get(element.name);
      if (!target || target.knownValues || target.def.type.kind !== 'primitive') continue;
      target.knownValues = known;
    }
  }
}

/** The element of an array or map (through nested ones), else the type. */
export function elementType(t: Type): Type {
  while (t.kind === 'array' || t.kind === 'map') t = t.kind === 'array' ? t.items : t.values;
  return t;
}

/** A property's `knownValues` when they can make a union type (a non-empty list of literals); else undefined. */
export function knownValuesOf(p: Property): EnumValue['value'][] | undefined {
  const values = p.knownValues;
  return values && values.length > 0 && values.every((v) => ['string', 'number', 'boolean'].includes(typeof v)) ? values : undefined;
}

/** Whether a type's ARM shape differs from its Kubernetes shape (objects and unions always have their own). */
function armDiffersMemo(types: Record<string, TypeDefinition>): (t: Type) => boolean {
  const memo = new Map<string, boolean>();
  const differs = (t: Type): boolean => {
    switch (t.kind) {
      case 'ref': {
        const known = memo.get(t.name);
        if (known !== undefined) return known;
        memo.set(t.name, false); // cycles through aliases: decided by the rest
        const target = types[t.name];
        const result = target ? target.type.kind === 'object' || target.type.kind === 'union' || differs(target.type) : false;
        memo.set(t.name, result);
        return result;
      }
      case 'array':
        return differs(t.items);
      case 'map':
        return differs(t.values);
      case 'object':
      case 'union':
      case 'resourceRef':
      case 'secretRef':
      case 'ownerRef':
        return true;
      default:
        return false;
    }
  };
  return differs;
}

/**
 * Model type → OpenAPI v3 structural schema, one small rule per type kind. Named types are
 * inlined (CRD schemas have no `$ref`); each named type is built once per package and side and
 * shared by every use (the YAML renderer inlines shared objects, nothing mutates them).
 *
 *   primitive    `type`, a `format` Kubernetes can check and ARM values satisfy (int32/int64,
 *                float/double; on spec strings date-time, date, byte, uuid, uri; status strings
 *                get none: status is observed, and the API server would reject an object whose
 *                status does not match; see formats.ts), and the validations of the type
 *   enum         `type` of the base and `enum` (values of another type dropped, duplicates once)
 *   object       `type: object`, `properties` (the Kubernetes names), `required` (in property
 *                order); on the spec side, a CEL rule per optional envelope whose required fields
 *                flattening lifted (envelope-rules.ts), where the object occurs a bounded number
 *                of times; an object that also allows extra keys keeps its properties and gets
 *                `x-kubernetes-preserve-unknown-fields` (Kubernetes forbids both at once); the
 *                spec or status of a polymorphic resource (properties annotated `variant`) gets
 *                `oneOf: [{required: [variant]} ...]` on the spec side: exactly one variant
 *   map          `type: object` + `additionalProperties`
 *   array        `type: array` + `items`; `uniqueItems` (forbidden in CRDs) becomes
 *                `x-kubernetes-list-type: set` for scalar items and is dropped otherwise; a
 *                list ARM keys (`x-ms-identifiers`, default `name`) whose items require the
 *                key is a list map (list-map.ts), so server-side apply merges per item
 *   union        an object with one optional property per variant; on the spec side
 *                `minProperties: 1, maxProperties: 1` (exactly one variant)
 *   resourceRef  `{armId} | {group, kind, name}`, the runtime's `ResourceReference`, as a
 *                `oneOf` of `required` lists
 *   ownerRef     `{name, group?, kind?} | {armId}`, the runtime's `OwnerReference`; `group` and
 *                `kind` are enums when the owner kinds are known, required with `name` when not
 *   secretRef    `{name, key}`, both required
 *   any          `x-kubernetes-preserve-unknown-fields: true` and no type (any JSON value)
 *
 * Descriptions come from the property, else from the named type. ARM defaults are not emitted
 * (they are the service's, not Kubernetes'); a property's `kubernetesDefault` is. A
 * cycle (none is left after the `recursion` stage), an over-deep nesting or a dangling reference
 * becomes free-form with a diagnostic.
 */
import type { CodeOfSeverity } from '../../diagnostic-codes.js';
import type { ApiPackage, EnumType, ObjectType, OwnerReferenceType, PrimitiveType, Property, ResourceReferenceType, Type, UnionType, Validations } from '../../model/types.js';
import { resolve } from '../../model/walk.js';
import type { EmitContext } from '../emitter.js';
import { envelopeRules } from './envelope-rules.js';
import { keepsFormat } from './formats.js';
import { listMapKeys } from './list-map.js';
import { setOwn, type CrdSchema, type SchemaType } from './openapi.js';
import { report } from './report.js';

export type Side = 'spec' | 'status';

/** Nesting levels of named types past which a schema is cut off as free-form. */
export const MAX_NAMED_DEPTH = 64;

const UNION_NOTE = 'Exactly one of the properties is set.';

const SCALARS: ReadonlySet<string | undefined> = new Set(['string', 'integer', 'number', 'boolean']);

/**
 * Most times an object may occur in one object for it to get envelope rules (the product of the
 * `maxItems`/`maxProperties` of the lists and maps around it): the API server multiplies a rule's
 * cost by it, and by about a million under an unbounded list or map.
 */
export const MAX_RULE_CARDINALITY = 100;

interface Walk {
  side: Side;
  /** Named types being built, outermost first: a name already here is a cycle. */
  names: string[];
  /** Set when something below was cut off by the cycle/depth guard: such a result is not memoized. */
  guarded: boolean;
  /** How many times the current node may occur in the object (Infinity under an unbounded list or map). */
  cardinality: number;
  /** Set when something below depends on `cardinality` (a rule put or left out): memoized per kind of place. */
  placed: boolean;
}

/** Builds the schemas of one package; reuse one builder for every kind of the package. */
export class SchemaBuilder {
  private readonly memo = new Map<string, CrdSchema>();
  /** Memoized schemas that depend on the cardinality of their place. */
  private readonly placed = new Set<CrdSchema>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly pkg: ApiPackage,
    private readonly context: EmitContext,
  ) {}

  /** The schema of the named type `name` (a `_Spec` or `_STATUS`), with its description. */
  named(name: string, side: Side): CrdSchema {
    return this.ref(name, newWalk(side), undefined);
  }

  /** The schema of any model type (for tests and for callers with inline types). */
  type(t: Type, side: Side, description?: string): CrdSchema {
    return this.build(t, newWalk(side), description);
  }

  private build(t: Type, walk: Walk, description: string | undefined): CrdSchema {
    switch (t.kind) {
      case 'primitive':
        return this.primitive(t, walk, description);
      case 'enum':
        return this.enum(t, walk, description);
      case 'object':
        return this.object(t, walk, description);
      case 'array': {
        const items = this.within(t.validations?.maxItems, walk, () => this.build(t.items, walk, undefined));
        const s = withDescription(description, { type: 'array' });
        addValidations(s, t.validations, 'array');
        s.items = items;
        if (t.validations?.uniqueItems) {
          if (SCALARS.has(items.type)) {
            s['x-kubernetes-list-type'] = 'set';
            this.context.count('crd.uniqueItemsAsSet');
          } else this.context.count('crd.uniqueItemsDropped');
        }
        const keys = s['x-kubernetes-list-type'] ? undefined : listMapKeys(this.pkg, t, items);
        if (keys) {
          s['x-kubernetes-list-type'] = 'map';
          s['x-kubernetes-list-map-keys'] = keys;
          this.context.count('crd.listMaps');
        }
        return s;
      }
      case 'map': {
        const s = withDescription(description, { type: 'object' });
        addValidations(s, t.validations, 'object');
        s.additionalProperties = this.within(t.validations?.maxProperties, walk, () => this.build(t.values, walk, undefined));
        return s;
      }
      case 'union':
        return this.union(t, walk, description);
      case 'ref':
        return this.ref(t.name, walk, description);
      case 'resourceRef':
        return resourceReference(t, description);
      case 'ownerRef':
        return ownerReference(t, description);
      case 'secretRef':
        return secretReference(description);
      case 'any':
        return freeForm(description);
    }
  }

  private ref(name: string, walk: Walk, description: string | undefined): CrdSchema {
    const def = this.pkg.types[name];
    if (!def) {
      this.once(`dangling:${name}`, 'warning', 'crd-dangling-ref', `${this.pkg.id}: the type ${name} does not exist; its schema is free-form`);
      return freeForm(description);
    }
    const text = description ?? def.description;
    if (walk.names.includes(name) || walk.names.length >= MAX_NAMED_DEPTH) {
      const why = walk.names.includes(name) ? `refers back to itself (${[...walk.names.slice(walk.names.indexOf(name)), name].join(' → ')})` : `is nested more than ${MAX_NAMED_DEPTH} named types deep`;
      this.once(`cycle:${name}`, 'warning', 'crd-recursive-type', `${this.pkg.id}: ${name} ${why}; that occurrence is free-form (x-kubernetes-preserve-unknown-fields)`, def.source);
      walk.guarded = true;
      return freeForm(text);
    }
    // A schema that does not depend on where it is (no envelope rule put or left out) is shared
    // by every place; the others are kept per kind of place (bounded or not).
    const key = `${walk.side}\0${name}`;
    const placedKey = `${key}\0${walk.cardinality <= MAX_RULE_CARDINALITY ? 'bounded' : 'unbounded'}`;
    let schema = this.memo.get(placedKey) ?? this.memo.get(key);
    if (schema) walk.placed ||= this.placed.has(schema);
    else {
      const outer = { guarded: walk.guarded, placed: walk.placed };
      walk.guarded = false;
      walk.placed = false;
      walk.names.push(name);
      schema = this.build(def.type, walk, undefined);
      walk.names.pop();
      if (!walk.guarded) this.memo.set(walk.placed ? placedKey : key, schema);
      if (walk.placed) this.placed.add(schema);
      walk.guarded ||= outer.guarded;
      walk.placed ||= outer.placed;
    }
    // The union's own note survives the description of the use site.
    const described = walk.side === 'spec' && resolve(this.pkg, def.type)?.kind === 'union' ? joinText(text, UNION_NOTE) : text;
    return described === undefined ? schema : { description: described, ...withoutDescription(schema) };
  }

  private primitive(t: PrimitiveType, walk: Walk, description: string | undefined): CrdSchema {
    const s = withDescription(description, { type: t.primitive });
    if (t.format !== undefined) {
      if (keepsFormat(t.primitive, t.format, walk.side)) s.format = t.format;
      else this.context.count('crd.formatsDropped');
    }
    addValidations(s, t.validations, t.primitive);
    return s;
  }

  private enum(t: EnumType, walk: Walk, description: string | undefined): CrdSchema {
    const values: (string | number | boolean)[] = [];
    let dropped = 0;
    for (const { value } of t.values) {
      if (!enumValueFits(value, t.base)) dropped++;
      else if (!values.includes(value)) values.push(value);
    }
    if (dropped) {
      this.once(`enum:${walk.names.at(-1) ?? ''}:${t.enumName ?? ''}`, 'warning', 'crd-enum-value-type', `${this.pkg.id}${walk.names.length ? ` ${walk.names.at(-1)}` : ''}: ${dropped} value(s) of the ${t.base} enum${t.enumName ? ` ${t.enumName}` : ''} are not ${t.base}s; dropped from the enum`);
    }
    const s = withDescription(description, { type: t.base });
    if (values.length) s.enum = values;
    return s;
  }

  private object(t: ObjectType, walk: Walk, description: string | undefined): CrdSchema {
    const s = withDescription(description, { type: 'object' });
    addValidations(s, t.validations, 'object');
    if (t.properties.length) {
      const properties: Record<string, CrdSchema> = {};
      for (const p of t.properties) setOwn(properties, p.name, withKubernetesDefault(this.build(p.type, walk, p.description), p));
      s.properties = properties;
      const required = t.properties.filter((p) => p.required).map((p) => p.name);
      if (required.length) s.required = required;
      const variants = t.discriminator !== undefined ? t.properties.filter(isVariant) : [];
      if (walk.side === 'spec' && variants.length) s.oneOf = variants.map((p) => ({ required: [p.name] }));
      if (t.additionalProperties) {
        const where = walk.names.at(-1) ?? 'an inline object';
        this.once(`extra:${where}`, 'warning', 'crd-additional-properties-preserved', `${this.pkg.id} ${where}: an object with both properties and additionalProperties cannot be a structural schema; its properties are kept and other keys are preserved unvalidated (x-kubernetes-preserve-unknown-fields)`, this.pkg.types[where]?.source);
        s['x-kubernetes-preserve-unknown-fields'] = true;
      }
    } else if (t.additionalProperties) {
      s.additionalProperties = this.within(t.validations?.maxProperties, walk, () => this.build(t.additionalProperties!, walk, undefined));
    }
    if (walk.side === 'spec' && t.properties.some((p) => p.requiredInEnvelope !== undefined)) this.envelopeRules(s, t, walk);
    return s;
  }

  /** The rules of the object's optional envelopes, where the object occurs a bounded number of times. */
  private envelopeRules(s: CrdSchema, t: ObjectType, walk: Walk): void {
    const rules = envelopeRules(t, (p) => s.properties?.[p.name]);
    if (rules.length === 0) return;
    walk.placed = true;
    if (walk.cardinality > MAX_RULE_CARDINALITY) {
      this.context.count('crd.envelopeRulesUnbounded');
      return;
    }
    s['x-kubernetes-validations'] = rules;
    this.context.count('crd.envelopeRules', rules.length);
  }

  /** Builds below a list or map of at most `max` elements (unbounded when undefined). */
  private within(max: number | undefined, walk: Walk, build: () => CrdSchema): CrdSchema {
    const outer = walk.cardinality;
    const n = max ?? Infinity;
    walk.cardinality = outer === 0 || n === 0 ? 0 : outer * n;
    try {
      return build();
    } finally {
      walk.cardinality = outer;
    }
  }

  private union(t: UnionType, walk: Walk, description: string | undefined): CrdSchema {
    const spec = walk.side === 'spec';
    const text = spec ? joinText(description, UNION_NOTE) : description;
    const s = withDescription(text, { type: 'object' });
    if (spec && t.variants.length) {
      s.minProperties = 1;
      s.maxProperties = 1;
    }
    const properties: Record<string, CrdSchema> = {};
    for (const v of t.variants) {
      const own = v.type.kind === 'ref' ? this.pkg.types[v.type.name]?.description : undefined;
      setOwn(properties, v.name, this.build(v.type, walk, own ?? `The ${t.discriminator} ${JSON.stringify(v.value)} variant.`));
    }
    if (t.variants.length) s.properties = properties;
    return s;
  }

  private once<S extends 'warning' | 'error'>(key: string, severity: S, code: CodeOfSeverity<S>, message: string, location?: Property['source']): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    report(this.context, severity, code, message, location);
  }
}

function newWalk(side: Side): Walk {
  return { side, names: [], guarded: false, cardinality: 1, placed: false };
}

function isVariant(p: Property): boolean {
  return p.variant !== undefined;
}

function enumValueFits(value: string | number | boolean, base: EnumType['base']): boolean {
  switch (base) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return typeof value === base;
  }
}

/** The schema with the property's `kubernetesDefault`, after the description (a copy: the YAML must not share objects). */
function withKubernetesDefault(s: CrdSchema, p: Property): CrdSchema {
  if (p.kubernetesDefault === undefined) return s;
  const value = structuredClone(p.kubernetesDefault);
  const { description, ...rest } = s;
  return description === undefined ? { default: value, ...rest } : { description, default: value, ...rest };
}

function withDescription(description: string | undefined, rest: CrdSchema): CrdSchema {
  return description === undefined || description === '' ? rest : { description, ...rest };
}

function withoutDescription(s: CrdSchema): CrdSchema {
  if (s.description === undefined) return s;
  const { description: _, ...rest } = s;
  return rest;
}

function joinText(a: string | undefined, b: string): string {
  return a ? `${a.trimEnd()} ${b}` : b;
}

/** The validations of the model that apply to a schema of this type, in the fixed key order. */
function addValidations(s: CrdSchema, v: Validations | undefined, type: SchemaType): void {
  if (!v) return;
  switch (type) {
    case 'string':
      if (v.pattern !== undefined) s.pattern = v.pattern;
      if (v.minLength !== undefined) s.minLength = v.minLength;
      if (v.maxLength !== undefined) s.maxLength = v.maxLength;
      break;
    case 'integer':
    case 'number':
      if (v.minimum !== undefined) {
        s.minimum = v.minimum;
        if (v.exclusiveMinimum) s.exclusiveMinimum = true;
      }
      if (v.maximum !== undefined) {
        s.maximum = v.maximum;
        if (v.exclusiveMaximum) s.exclusiveMaximum = true;
      }
      if (v.multipleOf !== undefined) s.multipleOf = v.multipleOf;
      break;
    case 'array':
      if (v.minItems !== undefined) s.minItems = v.minItems;
      if (v.maxItems !== undefined) s.maxItems = v.maxItems;
      break;
    case 'object':
      if (v.minProperties !== undefined) s.minProperties = v.minProperties;
      if (v.maxProperties !== undefined) s.maxProperties = v.maxProperties;
      break;
  }
}

function freeForm(description: string | undefined): CrdSchema {
  return withDescription(description, { 'x-kubernetes-preserve-unknown-fields': true });
}

function str(description: string, extra?: CrdSchema): CrdSchema {
  return { description, type: 'string', ...extra };
}

function resourceReference(t: ResourceReferenceType, description: string | undefined): CrdSchema {
  const allowed = t.allowedTypes?.length ? ` Allowed ARM types: ${t.allowedTypes.join(', ')}.` : '';
  return {
    description: joinText(description, `A reference to another resource: group, kind and name of a Kubernetes resource in the same namespace, or armId.${allowed}`),
    type: 'object',
    properties: {
      armId: str('The ARM ID of a resource not managed in Kubernetes.'),
      group: str('The Kubernetes group of the referenced resource.'),
      kind: str('The Kubernetes kind of the referenced resource.'),
      name: str('The Kubernetes name of the referenced resource.'),
    },
    oneOf: [{ required: ['armId'] }, { required: ['group', 'kind', 'name'] }],
  };
}

function ownerReference(t: OwnerReferenceType, description: string | undefined): CrdSchema {
  const kinds = t.kinds;
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const byName = kinds ? ['name'] : ['group', 'kind', 'name'];
  return {
    description: joinText(description, kinds ? 'Give name (group and kind are implied), or armId.' : 'Give group, kind and name of a Kubernetes resource in the same namespace, or armId.'),
    type: 'object',
    properties: {
      armId: str('The ARM ID of an owner not managed in Kubernetes.'),
      group: str('The Kubernetes group of the owner.', kinds ? { enum: unique(kinds.map((k) => k.group)) } : undefined),
      kind: str('The Kubernetes kind of the owner.', kinds ? { enum: unique(kinds.map((k) => k.kind)) } : undefined),
      name: str('The Kubernetes name of the owner, in the same namespace.'),
    },
    oneOf: [{ required: byName }, { required: ['armId'] }],
  };
}

function secretReference(description: string | undefined): CrdSchema {
  return {
    description: joinText(description, 'A value kept in a Kubernetes Secret of the same namespace.'),
    type: 'object',
    properties: {
      name: str('The name of the Secret.'),
      key: str('The key of the value in the Secret.'),
    },
    required: ['name', 'key'],
  };
}

/**
 * validations: makes the validations of the spec and status types something Kubernetes can
 * enforce and users can satisfy.
 *
 * Spec types:
 *   - a `pattern` Go's RE2 cannot run (lookaround, backreferences, atomic groups, possessive
 *     quantifiers, `\u` escapes, repeat counts over 1000, ...) or JavaScript cannot compile is
 *     dropped (`pattern-unsupported`);
 *   - min > max (also minLength/maxLength, minItems/maxItems, minProperties/maxProperties) drops
 *     both bounds (`validation-contradiction`); a negative or fractional length/count bound, or a
 *     `multipleOf` ≤ 0, is dropped (`validation-invalid`);
 *   - closed enums stay enforced; open enums (`x-ms-enum.modelAsString`) follow `openEnums`:
 *     `document` makes them plain primitives of their base, their values kept in the description
 *     ("Known values: ...") and in the field `knownValues` of the properties
 *     that use them; `enforce` keeps them as closed enums (`open: false`);
 *   - an enum without values becomes a plain primitive (`enum-empty`).
 * Status types are observed, not validated (as in ASO): every validation is removed and every enum
 * is documented as above. Free-form (`any`) stays free-form.
 *
 * Runs after `spec-status` (spec and status are treated apart), after `recursion` (unrolled copies
 * carry the validations it checks) and before `status-conditions`, whose `Condition` type keeps
 * its enums.
 */
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import type { SourceLocation } from '../diagnostics.js';
import type { ApiPackage, EnumType, EnumValue, Property, Type, Validations } from '../model/types.js';
import { mapPackages, resolve } from '../model/walk.js';
import { patternProblem } from '../rules/patterns.js';
import { mapKubernetesTypes, mapSame, oncePerSource, type SideDefinition } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `validations` stage: keeps the patterns Kubernetes can run and consistent bounds, documents
 * open enums as plain strings (`openEnums: document`), and drops validations from statuses.
 */
export const validationsStage: Stage = {
  id: 'validations',
  description: 'patterns Kubernetes can run, consistent bounds, open enums documented, no validation on status',
  requires: ['spec-status'],
  runsAfter: ['recursion'],
  runsBefore: ['status-conditions'],
  run: (model, context) => mapPackages(model, (pkg) => validationsOfPackage(pkg, context)),
};

const BOUNDS = [
  ['minimum', 'maximum'],
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
  ['minProperties', 'maxProperties'],
] as const;
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

function validationsOfPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const once = oncePerSource();
  return mapKubernetesTypes(pkg, (def) => {
    const checker = new Checker(pkg, def, context, once);
    const type = checker.type(def.type, def.source);
    const known = def.type.kind === 'enum' && type.kind !== 'enum' && def.type.values.length > 0 ? knownValues(def.type) : undefined;
    if (type === def.type) return def;
    return known ? { ...def, type, description: withKnownValues(def.description, known.text) } : { ...def, type };
  });
}

class Checker {
  constructor(
    private readonly pkg: ApiPackage,
    private readonly def: SideDefinition,
    private readonly context: StageContext,
    private readonly once: ReturnType<typeof oncePerSource>,
  ) {}

  type(t: Type, where: SourceLocation | undefined): Type {
    switch (t.kind) {
      case 'object': {
        const properties = mapSame(t.properties, (p) => this.property(p, where));
        const additionalProperties = t.additionalProperties && this.type(t.additionalProperties, where);
        const validations = this.validations(t.validations, where);
        if (validations === t.validations && additionalProperties === t.additionalProperties && properties === t.properties) return t;
        return withValidations({ ...t, properties, ...(additionalProperties && { additionalProperties }) }, validations);
      }
      case 'array': {
        const items = this.type(t.items, where);
        const validations = this.validations(t.validations, where);
        return items === t.items && validations === t.validations ? t : withValidations({ ...t, items }, validations);
      }
      case 'map': {
        const values = this.type(t.values, where);
        const validations = this.validations(t.validations, where);
        return values === t.values && validations === t.validations ? t : withValidations({ ...t, values }, validations);
      }
      case 'union': {
        const variants = mapSame(t.variants, (v) => {
          const type = this.type(v.type, where);
          return type === v.type ? v : { ...v, type };
        });
        return variants === t.variants ? t : { ...t, variants };
      }
      case 'primitive': {
        const validations = this.validations(t.validations, where);
        return validations === t.validations ? t : withValidations(t, validations);
      }
      case 'enum':
        return this.enum(t, where);
      default:
        return t;
    }
  }

  /** The property with its type checked, and the known values of a documented enum in its description. */
  private property(p: Property, where: SourceLocation | undefined): Property {
    const type = this.type(p.type, p.source ?? where);
    const e = this.documentedEnum(p.type);
    if (!e) return type === p.type ? p : { ...p, type };
    const known = knownValues(e);
    // A property without a description of its own shows its named type's (`sku.name` → "The SKU
    // name..."): keep that text in front of the known values rather than hiding it.
    const own = p.description ?? (p.type.kind === 'ref' ? this.pkg.types[p.type.name]?.description : undefined);
    return { ...p, type, description: withKnownValues(own, known.text), knownValues: known.values };
  }

  /** The enum (inline or named, also as array items or map values) that this stage turns into documentation. */
  private documentedEnum(t: Type): EnumType | undefined {
    const r = resolve(this.pkg, t);
    if (r?.kind === 'array') return this.documentedEnum(r.items);
    if (r?.kind === 'map') return this.documentedEnum(r.values);
    return r?.kind === 'enum' && r.values.length > 0 && this.documents(r) ? r : undefined;
  }

  private documents(e: EnumType): boolean {
    return this.def.side === 'status' || (e.open && this.context.options.openEnums === 'document');
  }

  private enum(e: EnumType, where: SourceLocation | undefined): Type {
    if (e.values.length === 0) {
      this.context.count('validations.emptyEnums');
      if (this.once('enum-empty', where)) this.context.diagnostics.warning('enum-empty', `${this.def.name}: an enum${e.enumName ? ` (${e.enumName})` : ''} lists no values; it is a plain ${e.base}`, where);
      return { kind: 'primitive', primitive: e.base };
    }
    if (this.def.side === 'spec' && e.open) this.context.count('openEnums');
    if (this.documents(e)) return { kind: 'primitive', primitive: e.base };
    return e.open ? { ...e, open: false } : e;
  }

  private validations(v: Validations | undefined, where: SourceLocation | undefined): Validations | undefined {
    if (!v) return v;
    if (this.def.side === 'status') {
      this.context.count('validations.droppedFromStatus');
      return undefined;
    }
    let out = v;
    const drop = (keys: readonly (keyof Validations)[], code: CodeOfSeverity<'warning'>, message: string, counter: string) => {
      out = { ...out };
      for (const k of keys) delete out[k];
      this.context.count(counter);
      if (this.once(`${code}:${keys[0]}`, where)) this.context.diagnostics.warning(code, `${this.def.name}: ${message}; dropped`, where);
    };
    if (v.pattern !== undefined) {
      const problem = patternProblem(v.pattern);
      if (problem) drop(['pattern'], 'pattern-unsupported', `pattern ${JSON.stringify(v.pattern)} cannot be used (${problem})`, 'validations.patternsDropped');
    }
    for (const k of COUNTS) {
      const n = out[k];
      if (n !== undefined && (n < 0 || !Number.isInteger(n))) drop([k], 'validation-invalid', `${k} ${n} is not a non-negative integer`, 'validations.invalidDropped');
    }
    if (out.multipleOf !== undefined && !(out.multipleOf > 0)) drop(['multipleOf'], 'validation-invalid', `multipleOf ${out.multipleOf} is not positive`, 'validations.invalidDropped');
    for (const [lo, hi] of BOUNDS) {
      const min = out[lo];
      const max = out[hi];
      if (min === undefined || max === undefined) continue;
      const exclusive = lo === 'minimum' && (out.exclusiveMinimum || out.exclusiveMaximum);
      if (min > max || (min === max && exclusive)) {
        const keys = lo === 'minimum' ? (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) : ([lo, hi] as const);
        const bounds = min > max ? `${lo} ${min} > ${hi} ${max}` : `${lo} = ${hi} = ${min} with an exclusive bound`;
        drop(keys, 'validation-contradiction', `${bounds} allows no value`, 'validations.contradictionsDropped');
      }
    }
    return out === v ? v : Object.keys(out).length ? out : undefined;
  }
}

function withValidations<T extends { validations?: Validations }>(t: T, validations: Validations | undefined): T {
  if (validations) return { ...t, validations };
  const { validations: _dropped, ...rest } = t;
  return rest as T;
}

const knownValuesCache = new WeakMap<EnumType, { text: string; values: EnumValue['value'][] }>();

/** `Known values: "A", "B".` and the values of an enum (cached: named enums are used many times). */
function knownValues(e: EnumType): { text: string; values: EnumValue['value'][] } {
  let known = knownValuesCache.get(e);
  if (!known) {
    const values = e.values.map((v) => v.value);
    known = { text: `Known values: ${values.map((v) => JSON.stringify(v)).join(', ')}.`, values };
    knownValuesCache.set(e, known);
  }
  return known;
}

function withKnownValues(description: string | undefined, known: string): string {
  return description ? `${description}\n\n${known}` : known;
}

/**
 * Swagger schema → model type, for one API package.
 *
 * Every `/definitions/<name>` target becomes a named type of the package (its name kept: type
 * names matter downstream), converted once and then referenced by name, which also makes `$ref`
 * cycles harmless. Other `$ref` targets (`#/parameters/x/schema`, ...) are inlined, with a guard
 * against cycles. Definitions from outside the package (common-types, other folders) are copied
 * into it under their own name, so that each package is self-contained, as in ASO.
 */
import path from 'node:path';
import { Diagnostics, joinPointer, type SourceLocation } from '../diagnostics.js';
import type {
  EnumType,
  ObjectType,
  PrimitiveKind,
  Property,
  Type,
  TypeDefinition,
  Validations,
} from '../model/types.js';
import { DocumentStore, isObject, type JsonObject, type JsonValue } from './documents.js';
import type { AllowedTypeSite } from './allowed-types.js';
import { ReadOnlyRule } from './read-only.js';
import { definitionName, getAtPointer, parseRef } from './refs.js';

const MAX_DEPTH = 100;
const ANY: Type = Object.freeze({ kind: 'any' }) as Type;
const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean']);
const VALIDATION_KEYS = [
  'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;

export class SchemaConverter {
  readonly types: Record<string, TypeDefinition> = {};
  /** Per file: definition name → its name in this package. */
  private readonly names = new Map<string, Map<string, string>>();
  /** Per file: `$ref` string → the named type it resolved to. */
  private readonly refCache = new Map<string, Map<string, Type>>();
  private readonly taken = new Set<string>();
  private readonly inlineInProgress = new Set<string>();
  private readonly readOnly: ReadOnlyRule;
  private depth = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly diagnostics: Diagnostics,
    /** Where the specs name allowed ARM types, collected for `checkAllowedTypes`. */
    private readonly allowedTypeSites?: AllowedTypeSite[],
  ) {
    this.readOnly = new ReadOnlyRule(store);
  }

  /** Reserves the plain names of the package's own definitions before anything external is reached. */
  reserveDefinitions(file: string, doc: JsonObject): void {
    const definitions = doc.definitions;
    if (!isObject(definitions)) return;
    for (const name of Object.keys(definitions)) this.nameFor(file, name);
  }

  /** Converts every definition of a package file (so that unreferenced types and subtypes exist too). */
  convertDefinitions(file: string, doc: JsonObject): void {
    const definitions = doc.definitions;
    if (!isObject(definitions)) return;
    for (const name of Object.keys(definitions)) this.named(file, name);
  }

  /** Converts a schema found at `file#pointer`. */
  convert(schema: JsonValue | undefined, file: string, pointer: string): Type {
    if (!isObject(schema)) {
      this.diagnostics.warning('invalid-schema', 'schema is not an object', this.loc(file, pointer));
      return ANY;
    }
    if (this.depth >= MAX_DEPTH) {
      this.diagnostics.warning('schema-too-deep', `schema nesting deeper than ${MAX_DEPTH} levels; treated as free-form`, this.loc(file, pointer));
      return ANY;
    }
    this.depth++;
    try {
      return this.convertObject(schema, file, pointer);
    } finally {
      this.depth--;
    }
  }

  /** Finishes the package: records discriminated subtypes on their bases and breaks alias cycles. */
  finish(): void {
    for (const def of Object.values(this.types)) {
      if (def.type.kind === 'ref') this.checkAliasCycle(def);
    }
    for (const def of Object.values(this.types)) {
      const t = def.type;
      if (t.kind !== 'object' || !t.bases || t.discriminatorValue === undefined) continue;
      for (const root of this.discriminatedAncestors(t, new Set([def.name]))) {
        (root.subtypes ??= []).push(def.name);
      }
    }
  }

  private discriminatedAncestors(t: ObjectType, seen: Set<string>): ObjectType[] {
    const out: ObjectType[] = [];
    for (const base of t.bases ?? []) {
      if (base.kind !== 'ref' || seen.has(base.name)) continue;
      seen.add(base.name);
      const baseType = this.types[base.name]?.type;
      if (baseType?.kind !== 'object') continue;
      if (baseType.discriminator !== undefined) out.push(baseType);
      out.push(...this.discriminatedAncestors(baseType, seen));
    }
    return out;
  }

  private checkAliasCycle(def: TypeDefinition): void {
    const seen = new Set<string>([def.name]);
    let t: Type | undefined = def.type;
    while (t?.kind === 'ref') {
      if (seen.has(t.name)) {
        this.diagnostics.error('ref-cycle', `definition ${def.name} is a cycle of $refs with no schema (${[...seen].join(' → ')}); treated as free-form`, def.source);
        def.type = ANY;
        return;
      }
      seen.add(t.name);
      t = this.types[t.name]?.type;
    }
  }

  private loc(file: string, pointer: string): SourceLocation {
    return { file: this.store.relative(file), pointer };
  }

  private nameFor(file: string, wanted: string): string {
    let inFile = this.names.get(file);
    if (!inFile) this.names.set(file, (inFile = new Map()));
    const existing = inFile.get(wanted);
    if (existing !== undefined) return existing;
    let name = wanted;
    // An empty name, or a key every object has (`__proto__`, `constructor`), cannot key the type table.
    const reserved = name === '' || name in Object.prototype;
    if (reserved || this.taken.has(name)) {
      const stem = pascal(path.basename(file, '.json'));
      name = `${wanted}_${stem}`;
      for (let i = 2; this.taken.has(name); i++) name = `${wanted}_${stem}${i}`;
      const location = this.loc(file, joinPointer('', 'definitions', wanted));
      if (reserved) this.diagnostics.warning('reserved-type-name', `definition name ${JSON.stringify(wanted)} cannot name a type; it is named ${name}`, location);
      else this.diagnostics.info('type-name-collision', `definition ${wanted} already names another type in this package; this one is named ${name}`, location);
    }
    this.taken.add(name);
    inFile.set(wanted, name);
    return name;
  }

  /** The named type for `file#/definitions/<definition>`, converted on first use. */
  private named(file: string, definition: string): Type {
    const name = this.nameFor(file, definition);
    if (!this.types[name]) {
      const doc = this.store.get(file);
      const schema = definitionIn(doc, definition);
      const pointer = joinPointer('', 'definitions', definition);
      const source = this.loc(file, pointer);
      const def: TypeDefinition = { name, type: ANY, source };
      this.types[name] = def; // registered before conversion: cycles end here
      if (schema === undefined) {
        if (doc !== undefined) this.diagnostics.error('dangling-ref', `$ref target ${pointer} does not exist in ${this.store.relative(file)}`, source);
      } else {
        if (isObject(schema) && typeof schema.description === 'string') def.description = schema.description;
        if (isObject(schema) && isUntyped(schema)) {
          this.diagnostics.warning('missing-type', `definition ${definition} has no type, properties or $ref; treated as free-form`, source);
        }
        def.type = this.convert(schema, file, pointer);
      }
    }
    return { kind: 'ref', name };
  }

  private resolveRef(ref: JsonValue, file: string, pointer: string): Type {
    if (typeof ref !== 'string') {
      this.diagnostics.error('invalid-ref', '$ref is not a string', this.loc(file, pointer));
      return ANY;
    }
    // The same `$ref` string is written many times in a file: resolve it once.
    let inFile = this.refCache.get(file);
    if (!inFile) this.refCache.set(file, (inFile = new Map()));
    const cached = inFile.get(ref);
    if (cached) return cached;
    const target = parseRef(ref, file);
    if (!target) {
      this.diagnostics.error('remote-ref', `remote $ref ${ref} is not supported`, this.loc(file, pointer));
      return ANY;
    }
    const definition = definitionName(target.pointer);
    if (definition !== undefined) {
      const doc = this.store.get(target.file);
      if (doc === undefined) {
        this.diagnostics.error('dangling-ref', `$ref ${ref}: file ${this.store.relative(target.file)} cannot be loaded`, this.loc(file, pointer));
        return ANY;
      }
      if (definitionIn(doc, definition) === undefined) {
        this.diagnostics.error('dangling-ref', `$ref ${ref} points at nothing`, this.loc(file, pointer));
        return ANY;
      }
      // Keyed by the decoded name: `#/definitions/a%20b` and `/definitions/a b` are one definition.
      const named = this.named(target.file, definition);
      inFile.set(ref, named);
      return named;
    }
    const key = target.file + '#' + target.pointer;
    if (this.inlineInProgress.has(key)) {
      this.diagnostics.error('ref-cycle', `$ref ${ref} refers back to itself; treated as free-form`, this.loc(file, pointer));
      return ANY;
    }
    const node = getAtPointer(this.store.get(target.file), target.pointer);
    if (node === undefined) {
      this.diagnostics.error('dangling-ref', `$ref ${ref} points at nothing`, this.loc(file, pointer));
      return ANY;
    }
    this.inlineInProgress.add(key);
    try {
      return this.convert(node, target.file, target.pointer);
    } finally {
      this.inlineInProgress.delete(key);
    }
  }

  private convertObject(s: JsonObject, file: string, pointer: string): Type {
    if (s.$ref !== undefined) return this.resolveRef(s.$ref, file, pointer);
    const declared = typeof s.type === 'string' ? s.type : undefined;
    if (Array.isArray(s.enum) && (declared === undefined || PRIMITIVES.has(declared))) {
      return this.convertEnum(s, declared as PrimitiveKind | undefined);
    }
    if (declared && PRIMITIVES.has(declared)) {
      const t: Type = { kind: 'primitive', primitive: declared as PrimitiveKind };
      if (typeof s.format === 'string') t.format = s.format;
      const allowed = this.allowedTypes(s, file, pointer);
      if (allowed) t.allowedResourceTypes = allowed;
      const v = validations(s);
      if (v) t.validations = v;
      return t;
    }
    if (declared === 'array' || (declared === undefined && s.items !== undefined)) {
      const items = s.items === undefined ? ANY : this.withAllowedTypes(this.convert(s.items, file, joinPointer(pointer, 'items')), s, file, pointer);
      const t: Type = { kind: 'array', items };
      const ids = s['x-ms-identifiers'];
      if (Array.isArray(ids)) t.identifiers = ids.filter((x): x is string => typeof x === 'string');
      const v = validations(s);
      if (v) t.validations = v;
      return t;
    }
    if (declared === 'file') return ANY;
    if (declared !== undefined && declared !== 'object') {
      this.diagnostics.warning('unknown-type', `unknown schema type "${declared}"; treated as free-form`, this.loc(file, pointer));
      return ANY;
    }
    return this.convertObjectSchema(s, file, pointer);
  }

  private convertObjectSchema(s: JsonObject, file: string, pointer: string): Type {
    if (s.properties !== undefined && !isObject(s.properties)) {
      this.diagnostics.warning('invalid-schema', '"properties" is not an object; ignored', this.loc(file, joinPointer(pointer, 'properties')));
    }
    if (s.allOf !== undefined && !Array.isArray(s.allOf)) {
      this.diagnostics.warning('invalid-schema', '"allOf" is not an array; ignored', this.loc(file, joinPointer(pointer, 'allOf')));
    }
    const hasProps = isObject(s.properties) && Object.keys(s.properties).length > 0;
    const allOf = Array.isArray(s.allOf) ? s.allOf : undefined;
    const extra = s.additionalProperties;
    const extraType =
      extra === undefined || extra === false
        ? undefined
        : extra === true || (isObject(extra) && Object.keys(extra).length === 0)
          ? ANY
          : this.convert(extra, file, joinPointer(pointer, 'additionalProperties'));
    const discriminator = typeof s.discriminator === 'string' ? s.discriminator : undefined;
    if (!hasProps && !allOf?.length && discriminator === undefined) {
      if (extraType) {
        const t: Type = { kind: 'map', values: this.withAllowedTypes(extraType, s, file, pointer) };
        const v = validations(s);
        if (v) t.validations = v;
        return t;
      }
      return ANY;
    }
    const required = new Set(Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : []);
    const properties: Property[] = [];
    if (hasProps) {
      for (const [armName, propSchema] of Object.entries(s.properties as JsonObject)) {
        properties.push(this.convertProperty(armName, propSchema, required.has(armName), file, joinPointer(pointer, 'properties', armName)));
      }
    }
    const t: ObjectType = { kind: 'object', properties };
    if (allOf?.length) {
      t.bases = allOf.map((b, i) => this.convert(b, file, joinPointer(pointer, 'allOf', i)));
      const inherited = [...required].filter((name) => !properties.some((p) => p.armName === name));
      if (inherited.length) t.requiredInherited = inherited;
    }
    if (extraType) t.additionalProperties = extraType;
    if (discriminator !== undefined) t.discriminator = discriminator;
    const value = s['x-ms-discriminator-value'];
    if (typeof value === 'string') t.discriminatorValue = value;
    else if (allOf?.length) {
      // A subtype without an explicit value is selected by its definition name.
      const def = definitionName(pointer);
      if (def !== undefined) t.discriminatorValue = def;
    }
    if (s['x-ms-azure-resource'] === true) t.azureResource = true;
    const v = validations(s);
    if (v) t.validations = v;
    return t;
  }

  /**
   * `x-ms-arm-id-details.allowedResources[].resourceType` of a schema (some hand-written specs say
   * `type`), each recorded with its location for the check against the declared types.
   */
  private allowedTypes(s: JsonObject, file: string, pointer: string): string[] | undefined {
    const details = s['x-ms-arm-id-details'];
    if (!isObject(details) || !Array.isArray(details.allowedResources)) return undefined;
    const out: string[] = [];
    details.allowedResources.forEach((r, i) => {
      const key = isObject(r) ? (r.resourceType !== undefined ? 'resourceType' : 'type') : undefined;
      const type = key && isObject(r) ? r[key] : undefined;
      if (typeof type !== 'string' || key === undefined) return;
      out.push(type);
      this.allowedTypeSites?.push({ type, location: this.loc(file, joinPointer(pointer, 'x-ms-arm-id-details', 'allowedResources', i, key)) });
    });
    return out.length ? out : undefined;
  }

  /** The items or values of a list or map whose own schema carries the allowed types: an inline string gets them. */
  private withAllowedTypes(element: Type, s: JsonObject, file: string, pointer: string): Type {
    if (element.kind !== 'primitive' || element.primitive !== 'string' || element.allowedResourceTypes) return element;
    const allowed = this.allowedTypes(s, file, pointer);
    return allowed ? { ...element, allowedResourceTypes: allowed } : element;
  }

  private convertProperty(armName: string, schema: JsonValue, required: boolean, file: string, pointer: string): Property {
    const p: Property = { name: armName, armName, type: this.convert(schema, file, pointer), required, readOnly: false, source: this.loc(file, pointer) };
    if (!isObject(schema)) return p;
    // Its own `readOnly`, else that of the definition it refers to (see read-only.ts).
    if (this.readOnly.property(schema, file)) p.readOnly = true;
    if (typeof schema.description === 'string') p.description = schema.description;
    const mutability = schema['x-ms-mutability'];
    if (Array.isArray(mutability)) {
      p.mutability = mutability.filter((m): m is 'create' | 'read' | 'update' => m === 'create' || m === 'read' || m === 'update');
    }
    if (schema['x-ms-secret'] === true) p.secret = true;
    if (schema['x-ms-client-flatten'] === true) p.clientFlatten = true;
    if (typeof schema['x-ms-client-name'] === 'string') p.clientName = schema['x-ms-client-name'];
    if (schema.default !== undefined) p.default = schema.default;
    return p;
  }

  private convertEnum(s: JsonObject, declared: PrimitiveKind | undefined): EnumType {
    const xEnum = isObject(s['x-ms-enum']) ? s['x-ms-enum'] : undefined;
    const described = new Map<unknown, { name?: string; description?: string }>();
    if (xEnum && Array.isArray(xEnum.values)) {
      for (const v of xEnum.values) {
        if (isObject(v)) {
          described.set(v.value, {
            name: typeof v.name === 'string' ? v.name : undefined,
            description: typeof v.description === 'string' ? v.description : undefined,
          });
        }
      }
    }
    const values = (s.enum as JsonValue[])
      .filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      .map((value) => {
        const info = described.get(value);
        const ev: EnumType['values'][number] = { value };
        if (info?.name !== undefined) ev.name = info.name;
        if (info?.description !== undefined) ev.description = info.description;
        return ev;
      });
    const t: EnumType = { kind: 'enum', base: declared ?? 'string', values, open: xEnum?.modelAsString === true };
    if (xEnum && typeof xEnum.name === 'string') t.enumName = xEnum.name;
    return t;
  }
}

/** `doc.definitions[name]`, own properties only. */
function definitionIn(doc: JsonValue | undefined, name: string): JsonValue | undefined {
  if (!isObject(doc) || !isObject(doc.definitions)) return undefined;
  return Object.prototype.hasOwnProperty.call(doc.definitions, name) ? doc.definitions[name] : undefined;
}

function isUntyped(s: JsonObject): boolean {
  return (
    s.type === undefined && s.$ref === undefined && s.properties === undefined && s.allOf === undefined &&
    s.additionalProperties === undefined && s.enum === undefined && s.items === undefined
  );
}

const VALIDATION_KEY_SET: ReadonlySet<string> = new Set(VALIDATION_KEYS);

function validations(s: JsonObject): Validations | undefined {
  let out: Record<string, unknown> | undefined;
  // Schemas have a handful of keys: walking them beats probing all thirteen keywords.
  for (const key in s) {
    if (!VALIDATION_KEY_SET.has(key)) continue;
    const value = s[key];
    if (key === 'pattern' ? typeof value === 'string' : key.startsWith('exclusive') || key === 'uniqueItems' ? typeof value === 'boolean' : typeof value === 'number') {
      (out ??= {})[key] = value;
    }
  }
  return out as Validations | undefined;
}

export function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

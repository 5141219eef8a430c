/**
 * The structural checker: the rules the Kubernetes API server applies to a CRD version's
 * `openAPIV3Schema` (apiextensions `ValidateStructural` and `ValidateCustomResourceDefinitionOpenAPISchema`),
 * run on our own schemas before they are written. Each problem names its rule and its path, in the
 * API server's notation (`openAPIV3Schema.properties[spec].properties[owner].type`).
 *
 * Rules (one `rule` id each):
 *   type-missing          a node (root, property, additionalProperties, items) has no `type` and
 *                         neither `x-kubernetes-preserve-unknown-fields` nor `x-kubernetes-int-or-string`
 *   type-invalid          `type` is not one of object, array, string, integer, number, boolean
 *   root-type             the root is not `type: object`
 *   root-field            with the status subresource, the root may only hold description, type,
 *                         properties, required, value restrictions and the preserve/validation extensions
 *   ref, definitions      `$ref` and `definitions` (also id, patternProperties, dependencies,
 *                         additionalItems: `unsupported-keyword`; unknown keys: `unknown-keyword`)
 *   properties-and-additional-properties   both on one node
 *   additional-properties-false / additional-properties-root
 *   items-missing         an array without `items`; items-array: `items` given as a list
 *   junctor-forbidden     type, description, default, additionalProperties, nullable, title or an
 *                         `x-kubernetes-*` extension inside allOf/anyOf/oneOf/not (the two
 *                         int-or-string patterns excepted)
 *   junctor-incomplete    a property or items named inside a junctor is not specified outside it
 *   unique-items          `uniqueItems: true`
 *   metadata              root `metadata` other than `type: object` with restrictions on name and
 *                         generateName; `metadata` inside a junctor; root kind/apiVersion not strings
 *   preserve-unknown-fields-false, int-or-string, embedded-resource, list-type, map-type, validations
 *   pattern               a pattern Go's RE2 cannot compile
 *   nullable-root, default-in-metadata, not-a-schema
 */
import { patternProblem } from '../../rules/patterns.js';
import { KUBERNETES_SCHEMA_KEYWORDS } from './openapi.js';

/** The structural-schema rule a problem breaks (listed above). */
export type StructuralRule =
  | 'type-missing'
  | 'type-invalid'
  | 'root-type'
  | 'root-field'
  | 'ref'
  | 'definitions'
  | 'unsupported-keyword'
  | 'unknown-keyword'
  | 'properties-and-additional-properties'
  | 'additional-properties-false'
  | 'additional-properties-root'
  | 'items-missing'
  | 'items-array'
  | 'junctor-forbidden'
  | 'junctor-incomplete'
  | 'unique-items'
  | 'metadata'
  | 'preserve-unknown-fields-false'
  | 'int-or-string'
  | 'embedded-resource'
  | 'list-type'
  | 'map-type'
  | 'validations'
  | 'pattern'
  | 'nullable-root'
  | 'default-in-metadata'
  | 'not-a-schema';

/**
 * One reason the API server would reject a CRD schema: the rule, where (API-server path notation),
 * and a message.
 */
export interface StructuralProblem {
  rule: StructuralRule;
  /** API-server notation, from `basePath`: `openAPIV3Schema.properties[spec].items.type`. */
  path: string;
  message: string;
  /** The kind whose schema this is, when the caller named it. */
  kind?: string;
}

type Schema = Record<string, unknown>;
type Level = 'root' | 'field' | 'item';

const TYPES: ReadonlySet<string> = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean']);
const JUNCTOR_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const UNSUPPORTED = ['id', 'patternProperties', 'dependencies', 'additionalItems'] as const;
/** JSON names of `allowedFieldsAtRootSchema` (root with the status subresource). */
const ROOT_FIELDS: ReadonlySet<string> = new Set([
  'description', 'type', 'format', 'title', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength',
  'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf', 'required', 'items', 'properties', 'externalDocs', 'example',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
]);
/** Generic fields and extensions forbidden inside a junctor. */
const JUNCTOR_FORBIDDEN = [
  'type', 'description', 'default', 'additionalProperties', 'nullable', 'title',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys', 'x-kubernetes-list-type', 'x-kubernetes-map-type',
] as const;

/**
 * Problems that would make the API server reject `schema` as the `openAPIV3Schema` of a CRD
 * version served with the status subresource; empty when it is structural and valid.
 */
export function checkStructural(schema: unknown, kind?: string, basePath = 'openAPIV3Schema'): StructuralProblem[] {
  const checker = new Checker(kind);
  checker.node(schema, basePath, 'root');
  return checker.problems;
}

function isSchema(x: unknown): x is Schema {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function has(s: Schema, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(s, key) && s[key] !== undefined;
}

function propertiesOf(s: Schema | undefined): Schema | undefined {
  return s && isSchema(s.properties) ? s.properties : undefined;
}

function own(record: Schema | undefined, key: string): unknown {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** `anyOf: [{type: integer}, {type: string}]`, the shape that may carry types under int-or-string. */
function isIntOrStringPair(list: unknown): boolean {
  if (!Array.isArray(list) || list.length !== 2) return false;
  const [a, b] = list;
  return isSchema(a) && isSchema(b) && Object.keys(a).length === 1 && Object.keys(b).length === 1 && a.type === 'integer' && b.type === 'string';
}

class Checker {
  readonly problems: StructuralProblem[] = [];

  constructor(private readonly kind: string | undefined) {}

  private add(rule: StructuralRule, path: string, message: string): void {
    this.problems.push(this.kind === undefined ? { rule, path, message } : { rule, path, message, kind: this.kind });
  }

  node(s: unknown, path: string, level: Level): void {
    if (!isSchema(s)) {
      this.add('not-a-schema', path, 'must be a schema object');
      return;
    }
    this.keywords(s, path, level === 'root');
    const type = s.type;
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    const intOrString = s['x-kubernetes-int-or-string'] === true;
    if (has(s, 'type') && (typeof type !== 'string' || !TYPES.has(type))) {
      this.add('type-invalid', `${path}.type`, `must be one of ${[...TYPES].join(', ')}, not ${JSON.stringify(type)}`);
    } else if (type === undefined && !preserve && !intOrString) {
      const where = level === 'root' ? 'at the root' : level === 'item' ? 'for specified array items' : 'for specified object fields';
      this.add('type-missing', `${path}.type`, `must not be empty ${where}`);
    }
    if (level === 'root') this.root(s, path);

    // Children of the structural part.
    const properties = s.properties;
    if (has(s, 'properties')) {
      if (!isSchema(properties)) this.add('not-a-schema', `${path}.properties`, 'must be a map of schemas');
      else for (const [name, child] of Object.entries(properties)) this.node(child, `${path}.properties[${name}]`, 'field');
    }
    const extra = s.additionalProperties;
    if (has(s, 'additionalProperties')) {
      if (extra === false) this.add('additional-properties-false', `${path}.additionalProperties`, 'must not be false: Kubernetes ignores (prunes) unknown fields instead');
      if (isSchema(properties) && Object.keys(properties).length > 0 && (extra === false || isSchema(extra))) {
        this.add('properties-and-additional-properties', `${path}.additionalProperties`, 'additionalProperties and properties are mutually exclusive');
      }
      if (level === 'root') this.add('additional-properties-root', `${path}.additionalProperties`, 'must not be used at the root');
      if (isSchema(extra)) this.node(extra, `${path}.additionalProperties`, 'field');
      else if (typeof extra !== 'boolean') this.add('not-a-schema', `${path}.additionalProperties`, 'must be a schema or a boolean');
    }
    if (has(s, 'items')) {
      if (Array.isArray(s.items)) this.add('items-array', `${path}.items`, 'must be a schema object and not an array');
      else this.node(s.items, `${path}.items`, 'item');
    } else if (type === 'array') {
      this.add('items-missing', `${path}.items`, 'must be specified');
    }

    // Value validations: restrictions only, on fields specified outside.
    const skipAnyOf = intOrString && isIntOrStringPair(s.anyOf);
    const allOf = s.allOf;
    const skipFirstAllOfAnyOf = intOrString && Array.isArray(allOf) && isSchema(allOf[0]) && isIntOrStringPair(allOf[0].anyOf);
    this.junctors(s, path, s, skipAnyOf, skipFirstAllOfAnyOf);

    this.extensions(s, path, type);
  }

  /** Keywords Kubernetes does not support, or does not know, and the simple per-node rules. */
  private keywords(s: Schema, path: string, root: boolean): void {
    for (const key of Object.keys(s)) {
      if (!KUBERNETES_SCHEMA_KEYWORDS.has(key)) this.add('unknown-keyword', `${path}.${key}`, `is not a field of JSONSchemaProps`);
    }
    if (has(s, '$ref')) this.add('ref', `${path}.$ref`, '$ref is not supported');
    if (has(s, 'definitions')) this.add('definitions', `${path}.definitions`, 'definitions is not supported');
    for (const key of UNSUPPORTED) if (has(s, key)) this.add('unsupported-keyword', `${path}.${key}`, `${key} is not supported`);
    if (s.uniqueItems === true) this.add('unique-items', `${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic');
    if (root && s.nullable === true) this.add('nullable-root', `${path}.nullable`, 'nullable cannot be true at the root');
    if (typeof s.pattern === 'string') {
      const problem = patternProblem(s.pattern);
      if (problem) this.add('pattern', `${path}.pattern`, `must be a valid regular expression for Go (RE2): ${problem}`);
    }
  }

  private root(s: Schema, path: string): void {
    if (typeof s.type === 'string' && s.type !== 'object') this.add('root-type', `${path}.type`, 'must be object at the root');
    const outside = Object.keys(s).filter((k) => !ROOT_FIELDS.has(k));
    if (outside.length) this.add('root-field', path, `only ${[...ROOT_FIELDS].join(', ')} are allowed at the root with the status subresource, not ${outside.join(', ')}`);
    const properties = propertiesOf(s);
    for (const name of ['kind', 'apiVersion']) {
      const p = own(properties, name);
      if (p === undefined) continue;
      if (!isSchema(p) || p.type !== 'string') this.add('metadata', `${path}.properties[${name}].type`, 'must be string');
      if (isSchema(p) && has(p, 'default')) this.add('default-in-metadata', `${path}.properties[${name}].default`, `must not be set in top-level ${name}`);
    }
    const metadata = own(properties, 'metadata');
    if (metadata === undefined) return;
    const mpath = `${path}.properties[metadata]`;
    if (!isSchema(metadata) || metadata.type !== 'object') this.add('metadata', `${mpath}.type`, 'must be object');
    if (!isSchema(metadata)) return;
    if (has(metadata, 'default')) this.add('default-in-metadata', `${mpath}.default`, 'must not be set in top-level metadata');
    const extra = Object.keys(metadata).filter((k) => k !== 'type' && k !== 'properties' && k !== 'default');
    const names = isSchema(metadata.properties) ? Object.keys(metadata.properties).filter((k) => k !== 'name' && k !== 'generateName') : [];
    if (extra.length || names.length) {
      this.add('metadata', mpath, `must not specify anything other than restrictions on name and generateName (found ${[...extra, ...names.map((n) => `properties[${n}]`)].join(', ')})`);
    }
  }

  /** The allOf/anyOf/oneOf/not of `v`, checked as value validations against the structural node `outer`. */
  private junctors(v: Schema, path: string, outer: Schema | undefined, skipAnyOf = false, skipFirstAllOfAnyOf = false): void {
    for (const key of JUNCTOR_LISTS) {
      if (!has(v, key)) continue;
      const list = v[key];
      if (!Array.isArray(list)) {
        this.add('not-a-schema', `${path}.${key}`, 'must be a list of schemas');
        continue;
      }
      if (key === 'anyOf' && skipAnyOf) continue;
      list.forEach((nested, i) => this.nested(nested, `${path}.${key}[${i}]`, outer, key === 'allOf' && i === 0 && skipFirstAllOfAnyOf));
    }
    if (has(v, 'not')) this.nested(v.not, `${path}.not`, outer, false);
  }

  /** A schema under a junctor: restrictions only, and only on what `outer` specifies. */
  private nested(v: unknown, path: string, outer: Schema | undefined, skipAnyOf: boolean): void {
    if (!isSchema(v)) {
      this.add('not-a-schema', path, 'must be a schema object');
      return;
    }
    this.keywords(v, path, false);
    for (const key of JUNCTOR_FORBIDDEN) {
      if (has(v, key) && v[key] !== false && v[key] !== '') this.add('junctor-forbidden', `${path}.${key}`, `must not be set inside allOf, anyOf, oneOf or not to be structural`);
    }
    if (has(v, 'items')) {
      const items = v.items;
      const outerItems = outer && isSchema(outer.items) ? outer.items : undefined;
      if (Array.isArray(items)) this.add('items-array', `${path}.items`, 'must be a schema object and not an array');
      else if (!outerItems) this.add('junctor-incomplete', `${path}.items`, 'items must also be specified outside the logical junctors');
      else this.nested(items, `${path}.items`, outerItems, false);
    }
    const properties = propertiesOf(v);
    if (properties) {
      const outerProperties = propertiesOf(outer);
      const outerExtra = outer && isSchema(outer.additionalProperties) ? outer.additionalProperties : undefined;
      for (const [name, child] of Object.entries(properties)) {
        const childPath = `${path}.properties[${name}]`;
        if (name === 'metadata') this.add('metadata', childPath, 'must not be specified in a nested context');
        const outerChild = own(outerProperties, name);
        if (isSchema(outerChild)) this.nested(child, childPath, outerChild, false);
        else if (outerExtra) this.nested(child, childPath, outerExtra, false);
        else this.add('junctor-incomplete', childPath, `the property ${name} must also be specified outside the logical junctors`);
      }
    }
    this.junctors(v, path, outer, skipAnyOf, false);
  }

  private extensions(s: Schema, path: string, type: unknown): void {
    const preserve = s['x-kubernetes-preserve-unknown-fields'];
    if (preserve !== undefined && preserve !== true) this.add('preserve-unknown-fields-false', `${path}.x-kubernetes-preserve-unknown-fields`, 'must be true or undefined');
    const intOrString = s['x-kubernetes-int-or-string'] === true;
    if (intOrString && preserve === true) this.add('int-or-string', `${path}.x-kubernetes-preserve-unknown-fields`, 'must be false if x-kubernetes-int-or-string is true');
    if (intOrString && type !== undefined) this.add('int-or-string', `${path}.type`, 'must be empty if x-kubernetes-int-or-string is true');
    if (s['x-kubernetes-embedded-resource'] === true) {
      if (intOrString) this.add('int-or-string', `${path}.x-kubernetes-embedded-resource`, 'must be false if x-kubernetes-int-or-string is true');
      if (type !== 'object') this.add('embedded-resource', `${path}.type`, 'must be object if x-kubernetes-embedded-resource is true');
      if (has(s, 'additionalProperties')) this.add('embedded-resource', `${path}.additionalProperties`, 'must not be used if x-kubernetes-embedded-resource is set');
      if (preserve !== true && !(isSchema(s.properties) && Object.keys(s.properties).length)) {
        this.add('embedded-resource', `${path}.properties`, 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields');
      }
    }
    const mapType = s['x-kubernetes-map-type'];
    if (mapType !== undefined) {
      if (type !== 'object') this.add('map-type', `${path}.type`, 'must be object if x-kubernetes-map-type is specified');
      if (mapType !== 'atomic' && mapType !== 'granular') this.add('map-type', `${path}.x-kubernetes-map-type`, 'must be atomic or granular');
    }
    this.listType(s, path, type);
    const rules = s['x-kubernetes-validations'];
    if (rules !== undefined) {
      if (!Array.isArray(rules)) this.add('validations', `${path}.x-kubernetes-validations`, 'must be a list of rules');
      else rules.forEach((r, i) => {
        if (!isSchema(r) || typeof r.rule !== 'string' || r.rule.trim() === '') this.add('validations', `${path}.x-kubernetes-validations[${i}].rule`, 'rule is not specified');
      });
    }
  }

  private listType(s: Schema, path: string, type: unknown): void {
    const listType = s['x-kubernetes-list-type'];
    const keys = s['x-kubernetes-list-map-keys'];
    if (keys !== undefined && (!Array.isArray(keys) || keys.length > 0) && listType !== 'map') {
      this.add('list-type', `${path}.x-kubernetes-list-type`, 'must be map if x-kubernetes-list-map-keys is non-empty');
    }
    if (listType === undefined) return;
    if (type !== 'array') {
      this.add('list-type', `${path}.type`, 'must be array if x-kubernetes-list-type is specified');
      return;
    }
    if (listType !== 'atomic' && listType !== 'set' && listType !== 'map') {
      this.add('list-type', `${path}.x-kubernetes-list-type`, 'must be atomic, set or map');
      return;
    }
    const items = isSchema(s.items) ? s.items : undefined;
    if (listType === 'set' && items) {
      if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') this.add('list-type', `${path}.items.x-kubernetes-map-type`, 'must be atomic as item of a list with x-kubernetes-list-type=set');
      if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
        this.add('list-type', `${path}.items.x-kubernetes-list-type`, 'must be atomic as item of a list with x-kubernetes-list-type=set');
      }
      if (items.type === undefined || (!SCALAR_TYPES.has(String(items.type)) && items.type !== 'object' && items.type !== 'array')) {
        this.add('list-type', `${path}.items.type`, 'the items of a set must have a type');
      }
    }
    if (listType === 'map') {
      if (!Array.isArray(keys) || keys.length === 0) this.add('list-type', `${path}.x-kubernetes-list-map-keys`, 'must not be empty if x-kubernetes-list-type is map');
      if (!items || items.type !== 'object') {
        this.add('list-type', `${path}.items.type`, "must be object if parent array's x-kubernetes-list-type is map");
        return;
      }
      const required = Array.isArray(items.required) ? items.required : [];
      for (const key of Array.isArray(keys) ? keys : []) {
        const p = own(propertiesOf(items), String(key));
        if (!isSchema(p)) this.add('list-type', `${path}.x-kubernetes-list-map-keys`, `${String(key)} is not a property of the items`);
        else {
          if (!SCALAR_TYPES.has(String(p.type))) this.add('list-type', `${path}.items.properties[${String(key)}].type`, "must be a scalar type if parent array's x-kubernetes-list-type is map");
          if (!required.includes(key) && !has(p, 'default')) this.add('list-type', `${path}.items.properties[${String(key)}].default`, 'a list map key must be required or have a default');
        }
      }
    }
  }
}

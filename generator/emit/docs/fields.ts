/**
 * The rows of a field table: every property of a spec or status type, nested objects as dotted
 * paths (`sku.name`, `rules[].action`, `tags{}` for map values). Bounded so that a page stays
 * readable: nesting stops at `maxDepth` and a table at `maxRows` (the rest is counted, not shown);
 * a named type met again on its own path (recursion) is not expanded again.
 */
import type { ApiPackage, Property, Type, Validations } from '../../model/types.js';
import { resolve } from '../../model/walk.js';
import { inlineCode, tableCell } from './markdown.js';

export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

export interface FieldTable {
  rows: FieldRow[];
  /** Fields left out by the bounds. */
  omitted: number;
}

export interface FieldLimits {
  maxDepth: number;
  maxRows: number;
}

/**
 * Spec tables go deeper than status tables: users write specs, while statuses repeat much of the
 * spec and, for resources that embed others (a virtual network's subnets), run three times longer.
 */
export const DEFAULT_FIELD_LIMITS: { spec: FieldLimits; status: FieldLimits } = Object.freeze({
  spec: Object.freeze({ maxDepth: 4, maxRows: 200 }),
  status: Object.freeze({ maxDepth: 2, maxRows: 100 }),
});

export function fieldTable(pkg: ApiPackage, typeName: string | undefined, limits: FieldLimits = DEFAULT_FIELD_LIMITS.spec): FieldTable {
  const table: FieldTable = { rows: [], omitted: 0 };
  if (typeName === undefined) return table;
  const root = resolve(pkg, { kind: 'ref', name: typeName });
  if (root?.kind !== 'object') return table;
  new TableBuilder(pkg, limits, table).properties(root.properties, '', 1, new Set([typeName]));
  return table;
}

class TableBuilder {
  constructor(
    private readonly pkg: ApiPackage,
    private readonly limits: FieldLimits,
    private readonly table: FieldTable,
  ) {}

  properties(properties: readonly Property[], prefix: string, depth: number, path: ReadonlySet<string>): void {
    for (const p of properties) {
      this.add({ path: prefix + p.name, type: this.label(p.type, p), required: p.required, description: tableCell(p.description) });
      this.nested(p.type, prefix + p.name, depth, path);
    }
  }

  private add(row: FieldRow): void {
    if (this.table.rows.length < this.limits.maxRows) this.table.rows.push(row);
    else this.table.omitted++;
  }

  /** Rows below a field: the properties of its object, of its list items, of its map values, of its union variants. */
  private nested(type: Type, at: string, depth: number, path: ReadonlySet<string>): void {
    const { type: t, path: inner } = this.follow(type, path);
    if (!t) return;
    switch (t.kind) {
      case 'object':
        if (!t.properties.length) return;
        if (depth >= this.limits.maxDepth) return void (this.table.omitted += countFields(this.pkg, t, inner));
        this.properties(t.properties, `${at}.`, depth + 1, inner);
        return;
      case 'array':
        return this.nested(t.items, `${at}[]`, depth, inner);
      case 'map':
        return this.nested(t.values, `${at}{}`, depth, inner);
      case 'union':
        if (depth >= this.limits.maxDepth) return void (this.table.omitted += t.variants.length);
        for (const v of t.variants) {
          this.add({ path: `${at}.${v.name}`, type: this.label(v.type), required: false, description: tableCell(`Set when \`${t.discriminator}\` is ${inlineCode(v.value)}.`) });
          this.nested(v.type, `${at}.${v.name}`, depth + 1, inner);
        }
        return;
    }
  }

  /** Resolves named references, stopping (undefined) at a name already on the path. */
  private follow(type: Type, path: ReadonlySet<string>): { type?: Type; path: ReadonlySet<string> } {
    let t: Type | undefined = type;
    let names = path;
    while (t?.kind === 'ref') {
      if (names.has(t.name)) return { path: names };
      names = new Set(names).add(t.name);
      t = this.pkg.types[t.name]?.type;
    }
    return { type: t, path: names };
  }

  label(type: Type, p?: Property): string {
    const base = typeLabel(this.pkg, type);
    const notes = [p?.annotations?.immutable === 'true' ? 'create-only' : undefined].filter(Boolean);
    return tableCell(notes.length ? `${base}; ${notes.join(', ')}` : base);
  }
}

/** A short, readable name of a type for the Type column. */
export function typeLabel(pkg: ApiPackage, type: Type, depth = 0): string {
  const t = depth > 8 ? undefined : type.kind === 'ref' ? resolve(pkg, type) : type;
  if (!t) return 'object';
  switch (t.kind) {
    case 'primitive':
      return withValidations(t.format ? `${t.primitive} (${t.format})` : t.primitive, t.validations);
    case 'enum': {
      const shown = t.values.slice(0, 8).map((v) => (v.value === '' ? 'empty' : inlineCode(String(v.value))));
      return `${t.base}, one of ${shown.join(', ')}${t.values.length > shown.length ? `, … (${t.values.length})` : ''}`;
    }
    case 'object':
      return t.properties.length || !t.additionalProperties ? 'object' : `map of ${typeLabel(pkg, t.additionalProperties, depth + 1)}`;
    case 'array':
      return withValidations(`list of ${typeLabel(pkg, t.items, depth + 1)}`, t.validations);
    case 'map':
      return withValidations(`map of ${typeLabel(pkg, t.values, depth + 1)}`, t.validations);
    case 'union':
      return `one of ${t.variants.map((v) => inlineCode(v.name)).join(', ')}`;
    case 'resourceRef':
      return `reference${t.allowedTypes?.length ? ` to ${t.allowedTypes.join(', ')}` : ''} (\`{group, kind, name}\` or \`{armId}\`)`;
    case 'ownerRef':
      return t.kinds?.length ? `owner: ${t.kinds.map((k) => `${k.kind} (${k.group})`).join(', ')}` : 'owner: any resource (`{group, kind, name}` or `{armId}`)';
    case 'secretRef':
      return 'secret reference (`{name, key}`)';
    case 'any':
      return 'free-form JSON';
    default:
      return 'object';
  }
}

const MAX_PATTERN = 80;

function withValidations(label: string, v: Validations | undefined): string {
  if (!v) return label;
  const parts: string[] = [];
  const range = (min: number | undefined, max: number | undefined, what: string) => {
    if (min !== undefined && max !== undefined) parts.push(`${what} ${min}–${max}`);
    else if (min !== undefined) parts.push(`${what} ≥ ${min}`);
    else if (max !== undefined) parts.push(`${what} ≤ ${max}`);
  };
  range(v.minimum, v.maximum, 'value');
  range(v.minLength, v.maxLength, 'length');
  range(v.minItems, v.maxItems, 'items');
  if (v.pattern !== undefined) parts.push(v.pattern.length <= MAX_PATTERN ? `pattern ${inlineCode(v.pattern)}` : 'pattern (see the CRD)');
  return parts.length ? `${label}; ${parts.join(', ')}` : label;
}

/** How many fields a type has below it (each named type counted once), for the "not shown" count. */
function countFields(pkg: ApiPackage, type: Type, path: ReadonlySet<string>): number {
  const seen = new Set(path);
  let n = 0;
  const visit = (t: Type | undefined): void => {
    while (t?.kind === 'ref') {
      if (seen.has(t.name)) return;
      seen.add(t.name);
      t = pkg.types[t.name]?.type;
    }
    if (!t) return;
    if (t.kind === 'array') return visit(t.items);
    if (t.kind === 'map') return visit(t.values);
    const below = t.kind === 'object' ? t.properties.map((p) => p.type) : t.kind === 'union' ? t.variants.map((v) => v.type) : [];
    n += below.length;
    for (const b of below) visit(b);
  };
  visit(type);
  return n;
}

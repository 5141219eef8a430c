/**
 * Names in generated TypeScript: identifiers, quoting, the allocator that keeps every generated
 * name of a package unique, output paths, and the text helpers (doc comments, string literals,
 * property access) that every other file of this emitter uses.
 */
import { camelCase, pascalCase } from '../../naming/words.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words that cannot name a type, a function or a variable, and names generated code relies on. */
const RESERVED = new Set([
  // keywords and TypeScript's own type names
  ...'any as boolean break case catch class const continue debugger declare default delete do else enum export extends false finally for from function get if implements import in infer instanceof interface is keyof let module namespace never new null number object of package private protected public readonly require return set static string super switch symbol this throw true try type typeof undefined unique unknown var void while with yield bigint await async satisfies accessor'.split(' '),
  // globals the generated code uses, or that a reader would not expect redefined
  ...'Array Boolean Date Error JSON Map NonNullable Number Object Omit Partial Pick Promise Readonly ReadonlyArray Record RegExp Set String Symbol'.split(' '),
  // what generated files import from armkube/runtime
  ...'CollectedReferences ExtractedSecret OwnerReference ResolvedReferences ResourceReference SecretReference SecretSink extractSecret getOwn hasOwn ownerFromArmId referenceKey resolveReference resolveSecret secretKey secretSink setOwn'.split(' '),
]);

/** A keyword, or a name generated code relies on: never a generated local variable or type name. */
export function isReserved(name: string): boolean {
  return RESERVED.has(name);
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A name usable as an identifier: invalid characters become `_`, a leading digit gets `_` in front. */
export function sanitize(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (!out || /^[0-9]/.test(out)) out = `_${out}`;
  return out;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The stem of a type's function names: its first `_` segment camelCased (`OSProfile_STATUS` → `osProfile_STATUS`). */
export function functionStem(typeName: string): string {
  const i = typeName.indexOf('_');
  const head = i < 0 ? typeName : typeName.slice(0, i);
  const camel = camelCase(head);
  return sanitize((/^[A-Za-z0-9]+$/.test(camel) && camel ? camel : lowerFirst(head)) + (i < 0 ? '' : typeName.slice(i)));
}

/** `properties` → `Properties`, `ddosSettings` → `DdosSettings`; never empty. */
export function pascal(name: string): string {
  return sanitize(pascalCase(name) || name);
}

/** A single-quoted TypeScript string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** A literal type or value for an enum value: `'Static'`, `3`, `true`. */
export function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** A property name in an interface or object literal: as is when an identifier, else quoted. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : quote(name);
}

/** `expr.name`, `expr['odd-name']`, with `?.` when `optional`. */
export function access(expr: string, name: string, optional = false): string {
  if (isIdentifier(name)) return `${expr}${optional ? '?.' : '.'}${name}`;
  return `${expr}${optional ? '?.' : ''}[${quote(name)}]`;
}

/** Text for a doc comment: trimmed, `*\/` defused, line ends normalised; undefined when empty. */
export function docText(text: string | undefined): string | undefined {
  const out = text
    ?.replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return out ? out : undefined;
}

/** Text inside a template literal (between backticks), escaped. */
export function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/**
 * Hands out unique names. Names are claimed first-come; a wanted name already taken (or
 * reserved) gets the first free numeric suffix, as the pipeline does (`Subnet2`). Case is kept,
 * but two names equal but for case are allowed (TypeScript is case-sensitive).
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = RESERVED) {
    for (const name of reserved) this.taken.add(name);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** `wanted` (sanitized), else `wanted2`, `wanted3` ...; every `also(name)` must be free as well and is claimed too. */
  claim(wanted: string, also: (name: string) => string[] = () => []): string {
    const base = sanitize(wanted);
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base}${i}`;
      const more = also(name);
      if (this.taken.has(name) || more.some((n) => this.taken.has(n))) continue;
      this.taken.add(name);
      for (const n of more) this.taken.add(n);
      return name;
    }
  }
}

/** Where the files of one Kubernetes group and version go: `ts/<group>/<version>` (the group in full: no shortening). */
export function packageFolder(group: string, version: string): string {
  return `ts/${group}/${version}`;
}

/** The name of the Kubernetes Secret that `armToSpec` puts the secret values of a kind in. */
export function secretName(kind: string): string {
  return `${kind.toLowerCase()}-secrets`;
}

/**
 * Paths that generated code builds at run time, written as TypeScript expressions: a string
 * literal when the path is known when generating (`'spec.subnets'`), a template literal when it
 * depends on a parameter or a loop variable (`` `${path}.subnets[${index}]` ``).
 *
 * Two styles: `json` (`spec.subnets[0].natGateway`, map keys as `["key"]`) names properties in
 * errors and in `collectReferences`; `key` (`credentials.clientSecret`, `apiKeys.0`) names the
 * keys of the Kubernetes Secret that `armToSpec` fills, which allow only `[-._a-zA-Z0-9]`.
 */
import { isIdentifier, quote, templateText } from './names.js';

type Part = { text: string } | { expr: string };

export class PathText {
  private constructor(
    private readonly parts: readonly Part[],
    readonly style: 'json' | 'key',
    /** The path is just a string variable (a `path` parameter). */
    private readonly variableOnly = false,
  ) {}

  /** A path known now: `spec`, or the empty root of a secret key. */
  static literal(text: string, style: 'json' | 'key' = 'json'): PathText {
    return new PathText(text ? [{ text }] : [], style);
  }

  /** The path held by a variable (a converter's `path` parameter). */
  static variable(name: string, style: 'json' | 'key' = 'json'): PathText {
    return new PathText([{ expr: name }], style, true);
  }

  private get empty(): boolean {
    return this.parts.length === 0;
  }

  private with(...parts: Part[]): PathText {
    return new PathText([...this.parts, ...parts], this.style);
  }

  /** The path of a property. */
  property(name: string): PathText {
    if (this.style === 'key') return this.with({ text: this.empty ? name : `.${name}` });
    return isIdentifier(name) ? this.with({ text: `.${name}` }) : this.with({ text: `[${JSON.stringify(name)}]` });
  }

  /** The path of an array element whose index is in `variable`. */
  index(variable: string): PathText {
    if (this.style === 'key') return this.with(...(this.empty ? [] : [{ text: '.' }]), { expr: variable });
    return this.with({ text: '[' }, { expr: variable }, { text: ']' });
  }

  /** The path of a map value whose key is in `variable`. */
  key(variable: string): PathText {
    if (this.style === 'key') return this.with(...(this.empty ? [] : [{ text: '.' }]), { expr: variable });
    return this.with({ text: '[' }, { expr: `JSON.stringify(${variable})` }, { text: ']' });
  }

  /** The path followed by text (for messages). */
  text(text: string): PathText {
    return this.with({ text });
  }

  /** The path followed by the value of an expression (for messages). */
  value(expr: string): PathText {
    return this.with({ expr });
  }

  /** The path as a TypeScript expression (a string). */
  get expression(): string {
    if (this.parts.every((p) => 'text' in p)) return quote(this.parts.map((p) => (p as { text: string }).text).join(''));
    if (this.parts.length === 1 && this.variableOnly) return (this.parts[0] as { expr: string }).expr;
    return '`' + this.parts.map((p) => ('text' in p ? templateText(p.text) : '${' + p.expr + '}')).join('') + '`';
  }
}

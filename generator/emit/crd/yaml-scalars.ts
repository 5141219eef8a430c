/**
 * How `yaml.ts` writes a string: plain when every YAML reader (1.1 like go-yaml v2, which
 * kubectl and the API server use, and 1.2 like js-yaml) reads it back as that same string;
 * otherwise double-quoted with JSON's escapes (valid YAML escapes), or, for a multi-line value, a
 * literal block (`|`). The checks are conservative: a string that merely looks like a number,
 * date, boolean or null is quoted.
 */

/**
 * Characters YAML does not allow unescaped (outside its printable set: controls, lone surrogates)
 * or reads as line breaks (NEL, LS, PS), the BOM, and tab and CR (kept out of plain and block
 * scalars).
 */
const UNSAFE_CHAR = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A first character that is a YAML indicator or white space. */
const INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
/** Inside a plain scalar: a comment start, a mapping separator, a line break. */
const PLAIN_BREAKER = /: | #|\n/;
/** Booleans and nulls of YAML 1.1 and 1.2, in any letter case; the merge and value keys of 1.1. */
const RESERVED_WORD = /^(?:y|n|yes|no|true|false|on|off|null|~|<<|=)$/i;
/** Anything number- or date-like (1.1 sexagesimals `1:20`, timestamps with spaces, `0x1F`, `1_000`, `.5`, `.inf`, and `.`, `..`, which 1.1's float pattern matches). */
const NUMBER_LIKE = /^[-+]?(?:\.?[0-9][-+0-9a-zA-Z_.: \t]*|\.[0-9.]*|\.(?:inf|nan))$/i;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/;

/** True when `s` can be written without quotes, as a key or a value. */
export function isPlainSafe(s: string): boolean {
  if (s === '' || INDICATOR_FIRST.test(s) || PLAIN_BREAKER.test(s) || UNSAFE_CHAR.test(s)) return false;
  const last = s.charCodeAt(s.length - 1);
  if (last === 0x20 || last === 0x3a /* : */) return false;
  return !RESERVED_WORD.test(s) && !NUMBER_LIKE.test(s) && !DOCUMENT_MARKER.test(s);
}

/** True when a multi-line `s` can be a literal block: printable, no CR or tab, and no leading space or line break (which would need an indentation indicator). */
export function isLiteralSafe(s: string): boolean {
  if (!s.includes('\n') || UNSAFE_CHAR.test(s)) return false;
  const first = s.charCodeAt(0);
  return first !== 0x20 && first !== 0x0a;
}

const ESCAPED_BY_US = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const ESCAPED_BY_US_ALL = new RegExp(ESCAPED_BY_US.source, 'g');

/** `s` double-quoted: JSON's escapes, plus `\uXXXX` for what JSON leaves raw but YAML does not accept or reads as a line break. */
export function doubleQuoted(s: string): string {
  const json = JSON.stringify(s);
  return ESCAPED_BY_US.test(json) ? json.replace(ESCAPED_BY_US_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** A mapping key: plain, or double-quoted (block scalars cannot be keys). */
export function keyText(key: string): string {
  return isPlainSafe(key) ? key : doubleQuoted(key);
}

/** A number as YAML reads it back: integers and decimals as JavaScript writes them, `.inf` and `.nan` for the others. */
export function numberText(n: number): string {
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
}

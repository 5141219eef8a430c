/**
 * The text of a file's statements, written directly for the few structure shapes the emitter
 * makes (interfaces of property signatures, type aliases, functions whose body is lines, imports,
 * and text), in exactly the layout ts-morph's `printStructure` gives them: blank lines around
 * interfaces and functions and after a `}`, JSDoc as `/** x *\/` or one ` * ` line per line, two
 * spaces per level. ts-morph's printer runs a stateful writer over every character and was most
 * of the emitter's time on the whole corpus. A structure with anything else (another kind, a
 * key not listed here, a multi-line type) is not printed here: `statementsText` then returns
 * undefined and the caller prints the file with ts-morph. Tests compare both printers.
 */
import { StructureKind, type StatementStructures } from 'ts-morph';
import { linesOf } from './body.js';

const INDENT = '  ';

/** The file text (ending with a line break), or undefined when a statement is outside the shapes written here. */
export function statementsText(statements: readonly (string | StatementStructures)[]): string | undefined {
  // What is written is only appended to: its end is tracked (looking at the text itself would
  // copy the growing string at every statement).
  const out = new Appender();
  for (const statement of statements) {
    const text = typeof statement === 'string' ? plainText(statement) : structureText(statement);
    if (text === undefined) return undefined;
    if (out.length > 0) {
      if (out.lastNonWhitespace === '}') out.blankLine();
      else out.newLine();
      if (typeof statement !== 'string' && (statement.kind === StructureKind.Function || statement.kind === StructureKind.Interface)) out.blankLine();
    }
    out.append(text);
  }
  out.newLine();
  return out.text;
}

/** A text that is appended to, knowing its last characters (carriage returns are never written here). */
class Appender {
  text = '';
  length = 0;
  lastNonWhitespace = '';
  /** How many line breaks the text ends with. */
  private trailingBreaks = 0;

  append(s: string): void {
    this.text += s;
    this.length += s.length;
    let breaks = 0;
    while (breaks < s.length && s[s.length - 1 - breaks] === '\n') breaks++;
    this.trailingBreaks = breaks === s.length ? this.trailingBreaks + breaks : breaks;
    for (let i = s.length - 1; i >= 0; i--) {
      if (/\s/.test(s[i])) continue;
      this.lastNonWhitespace = s[i];
      break;
    }
  }

  /** A line break, unless the text ends with one. */
  newLine(): void {
    if (this.trailingBreaks === 0) this.append('\n');
  }

  /** Line breaks until the text ends with a blank line. */
  blankLine(): void {
    if (this.trailingBreaks < 2) this.append(this.trailingBreaks === 0 ? '\n\n' : '\n');
  }
}

/** Text statements are written as they are, unless one leaves a block comment open (ts-morph would close it) or has a carriage return (which its writer counts as a line break). */
function plainText(text: string): string | undefined {
  return text.includes('\r') || text.lastIndexOf('/*') > text.lastIndexOf('*/') ? undefined : text;
}

function structureText(s: StatementStructures): string | undefined {
  switch (s.kind) {
    case StructureKind.Interface:
      return interfaceText(s as unknown as Fields);
    case StructureKind.TypeAlias:
      return typeAliasText(s as unknown as Fields);
    case StructureKind.Function:
      return functionText(s as unknown as Fields);
    case StructureKind.ImportDeclaration:
      return importText(s as unknown as Fields);
    default:
      return undefined;
  }
}

type Fields = Record<string, unknown>;

/** True when `s` sets no key outside `allowed` (unset and `undefined` keys are fine). */
function only(s: Fields, allowed: ReadonlySet<string>): boolean {
  for (const key in s) if (s[key] !== undefined && !allowed.has(key)) return false;
  return true;
}

const INTERFACE_KEYS = new Set(['kind', 'name', 'isExported', 'docs', 'indexSignatures', 'properties']);
const PROPERTY_KEYS = new Set(['kind', 'name', 'type', 'hasQuestionToken', 'docs']);
const INDEX_SIGNATURE_KEYS = new Set(['kind', 'keyName', 'keyType', 'returnType']);
const TYPE_ALIAS_KEYS = new Set(['kind', 'name', 'isExported', 'docs', 'type']);
const FUNCTION_KEYS = new Set(['kind', 'name', 'isExported', 'docs', 'parameters', 'returnType', 'statements']);
const PARAMETER_KEYS = new Set(['kind', 'name', 'type', 'hasQuestionToken']);
const IMPORT_KEYS = new Set(['kind', 'moduleSpecifier', 'isTypeOnly', 'namedImports', 'namespaceImport']);
const SPECIFIER_KEYS = new Set(['kind', 'name', 'isTypeOnly', 'alias']);

function interfaceText(s: Fields): string | undefined {
  if (!only(s, INTERFACE_KEYS) || typeof s.name !== 'string') return undefined;
  const docs = docsText(s.docs, '');
  const indexSignatures = listOf(s.indexSignatures);
  const properties = listOf(s.properties);
  if (docs === undefined || !indexSignatures || !properties) return undefined;
  let body = '';
  for (const sig of indexSignatures) {
    if (!only(sig, INDEX_SIGNATURE_KEYS)) return undefined;
    const returnType = typeSuffix(':', sig.returnType, false);
    if (returnType === undefined) return undefined;
    if (body) body += '\n';
    body += `${INDENT}[${stringOr(sig.keyName, 'key')}: ${stringOr(sig.keyType, 'string')}]${returnType};`;
  }
  if (body && properties.length) body += '\n';
  for (let i = 0; i < properties.length; i++) {
    const p = properties[i];
    if (!only(p, PROPERTY_KEYS) || typeof p.name !== 'string') return undefined;
    const propertyDocs = docsText(p.docs, INDENT);
    const type = typeSuffix(':', p.type, false);
    if (propertyDocs === undefined || type === undefined) return undefined;
    if (i > 0) body += '\n';
    body += `${propertyDocs}${INDENT}${p.name}${p.hasQuestionToken ? '?' : ''}${type};`;
  }
  if (body && !body.endsWith('\n')) body += '\n';
  return `${docs}${s.isExported ? 'export ' : ''}interface ${s.name} {\n${body}}`;
}

function typeAliasText(s: Fields): string | undefined {
  if (!only(s, TYPE_ALIAS_KEYS) || typeof s.name !== 'string') return undefined;
  const docs = docsText(s.docs, '');
  const type = typeSuffix(' =', s.type, false);
  if (docs === undefined || type === undefined) return undefined;
  return `${docs}${s.isExported ? 'export ' : ''}type ${s.name}${type};`;
}

function functionText(s: Fields): string | undefined {
  if (!only(s, FUNCTION_KEYS) || typeof s.name !== 'string') return undefined;
  const docs = docsText(s.docs, '');
  const parameters = listOf(s.parameters);
  const returnType = typeSuffix(':', s.returnType, false);
  const lines = s.statements === undefined ? [] : linesOf(s.statements);
  if (docs === undefined || !parameters || returnType === undefined || !lines) return undefined;
  const params: string[] = [];
  for (const p of parameters) {
    if (!only(p, PARAMETER_KEYS) || typeof p.name !== 'string') return undefined;
    const type = typeSuffix(':', p.type, p.hasQuestionToken === true);
    if (type === undefined) return undefined;
    params.push(`${p.name}${p.hasQuestionToken ? '?' : ''}${type}`);
  }
  let body = '';
  for (const line of lines) {
    if (line.includes('\n') || line.includes('\r')) return undefined;
    body += INDENT + line + '\n';
  }
  const name = s.name.trim() ? ` ${s.name}` : '';
  return `${docs}${s.isExported ? 'export ' : ''}function${name}(${params.join(', ')})${returnType} {\n${body}}`;
}

function importText(s: Fields): string | undefined {
  if (!only(s, IMPORT_KEYS) || typeof s.moduleSpecifier !== 'string' || /['\\\n\r]/.test(s.moduleSpecifier)) return undefined;
  const named = listOf(s.namedImports, true);
  if (!named) return undefined;
  const namespace = s.namespaceImport;
  if (namespace !== undefined && (typeof namespace !== 'string' || named.length)) return undefined;
  const specifiers: string[] = [];
  for (const n of named) {
    if (typeof n === 'string') specifiers.push(n);
    else if (only(n, SPECIFIER_KEYS) && typeof n.name === 'string' && (n.alias === undefined || typeof n.alias === 'string')) {
      const alias = typeof n.alias === 'string' && n.alias.trim() ? ` as ${n.alias}` : '';
      specifiers.push(`${n.isTypeOnly ? 'type ' : ''}${n.name}${alias}`);
    } else return undefined;
  }
  const clause = namespace !== undefined ? ` * as ${namespace}` : specifiers.length ? ` { ${specifiers.join(', ')} }` : '';
  return `import${s.isTypeOnly ? ' type' : ''}${clause}${clause ? ' from' : ''} '${s.moduleSpecifier}';`;
}

/** The items of an optional array of structures (and, with `strings`, strings); undefined when it is something else. */
function listOf(value: unknown, strings: true): (Fields | string)[] | undefined;
function listOf(value: unknown): Fields[] | undefined;
function listOf(value: unknown, strings = false): (Fields | string)[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (!(typeof item === 'object' && item !== null) && !(strings && typeof item === 'string')) return undefined;
  return value as (Fields | string)[];
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}

/** `: T` (or ` = T`); nothing for no type, unless `always` (then `any`, as ts-morph writes for an optional parameter); undefined for a type ts-morph would lay out over lines. */
function typeSuffix(separator: string, type: unknown, always: boolean): string | undefined {
  if (type === undefined) return always ? `${separator} any` : '';
  if (typeof type !== 'string' || type.includes('\n') || type.includes('\r')) return undefined;
  return type.trim() ? `${separator} ${type}` : '';
}

/** JSDoc comments, each followed by a line break, at `pad`; undefined for docs other than strings. */
function docsText(docs: unknown, pad: string): string | undefined {
  if (docs === undefined) return '';
  if (!Array.isArray(docs)) return undefined;
  let out = '';
  for (const doc of docs) {
    if (typeof doc !== 'string' || doc.includes('\r')) return undefined;
    const lines = doc.split(/\r?\n/);
    if (lines.length <= 1) {
      const open = `${pad}/** ${lines[0]}`;
      out += `${open}${open.endsWith(' ') ? '' : ' '}*/\n`;
      continue;
    }
    out += `${pad}/**\n`;
    for (let i = lines[0].length === 0 ? 1 : 0; i < lines.length; i++) out += lines[i] ? `${pad} * ${lines[i]}\n` : `${pad} *\n`;
    out += `${pad} */\n`;
  }
  return out;
}

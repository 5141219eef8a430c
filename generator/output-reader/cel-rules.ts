/**
 * The CEL rules of a CRD schema (`x-kubernetes-validations`), evaluated as the API server does on
 * create, with @marcbachmann/cel-js:
 *
 * - `self` is the value at the node that holds the rule (each element, for a rule on `items` or
 *   `additionalProperties`); rules under an absent field are not run;
 * - values are typed by the schema: `integer` → CEL int, `number` → double; the properties of an
 *   object are CEL fields, named as Kubernetes escapes them (`__in__` for a reserved word,
 *   `__dash__`, `__dot__`, `__slash__`, `__underscores__`), `has(self.x)` tests presence; a map
 *   (`additionalProperties`) keeps its keys;
 * - a transition rule (one that uses `oldSelf`) is not run: there is no old object on create;
 * - `matches()` runs RE2 (re2js, linear time), as Go's CEL does, not JavaScript's backtracking
 *   RegExp;
 * - a failed rule gives its `messageExpression` (when it evaluates to a string), else its
 *   `message`, else `failed rule: <rule>`, on the node's path (plus the rule's `fieldPath`); a rule
 *   that fails to evaluate (a missing key) is an error too, as in Kubernetes.
 *
 * A rule this library cannot compile (a Kubernetes extension function it lacks) is not guessed
 * at: it is reported as a warning, "not checked".
 */
import { Environment, serialize, type ASTNode } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import type { FieldError } from './validate-object.js';
import { pathOfPointer } from './validate-object.js';

type Schema = Record<string, unknown>;

interface Rule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
}

interface CompiledRule {
  rule: Rule;
  run?: (self: unknown) => unknown;
  runMessage?: (self: unknown) => unknown;
  /** Why the rule is not run: a transition rule, or one the library cannot compile. */
  skipped?: { reason: string; warn: boolean };
}

export interface CelResult {
  errors: FieldError[];
  /** Rules that could not be checked. */
  warnings: FieldError[];
}

export type CelChecker = (object: unknown) => CelResult;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const isObject = isSchema;

/** `matches` under another name, so that it runs on RE2: the library's own `matches` uses RegExp. */
const RE2_MATCHES = 'armkube_re2_matches';

const re2Cache = new Map<string, RE2JS>();
function re2Matches(text: string, pattern: string): boolean {
  let re = re2Cache.get(pattern);
  if (!re) {
    // Patterns may come from the data (`self.a.matches(self.b)`): keep the cache bounded.
    if (re2Cache.size >= 1000) re2Cache.clear();
    re = RE2JS.compile(pattern);
    re2Cache.set(pattern, re);
  }
  return re.test(text);
}

let environment: Environment | undefined;
/** The CEL environment of the rules: `self` (any type) and `matches` on RE2. */
function celEnvironment(): Environment {
  environment ??= new Environment({ limits: { maxAstNodes: 10_000, maxDepth: 100 } })
    .registerVariable('self', 'dyn')
    .registerFunction(`string.${RE2_MATCHES}(string): bool`, re2Matches)
    .registerFunction(`${RE2_MATCHES}(string, string): bool`, re2Matches);
  return environment;
}

/** The parse tree as plain `{op, args}` nodes, with each `matches` call renamed to the RE2 one. */
function withRe2Matches(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withRe2Matches);
  if (!isObject(node) || typeof node.op !== 'string') return node;
  let args = node.args;
  if ((node.op === 'call' || node.op === 'rcall') && Array.isArray(args) && args[0] === 'matches') args = [RE2_MATCHES, ...args.slice(1)];
  // Literal values are not nodes: a list literal's elements are, a value's own payload is not.
  return { op: node.op, args: node.op === 'value' ? args : withRe2Matches(args) };
}

/** Whether a parse tree names the variable `name`. */
function uses(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => uses(n, name));
  if (!isObject(node) || typeof node.op !== 'string') return false;
  if (node.op === 'id') return node.args === name;
  return node.op !== 'value' && uses(node.args, name);
}

/** Whether a parse tree calls the function `name` (as `name(...)` or `x.name(...)`). */
function calls(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => calls(n, name));
  if (!isObject(node) || typeof node.op !== 'string' || node.op === 'value') return false;
  if ((node.op === 'call' || node.op === 'rcall') && Array.isArray(node.args) && node.args[0] === name) return true;
  return calls(node.args, name);
}

const messageOf = (e: unknown) => {
  const error = e as { summary?: unknown; message?: unknown };
  const text = typeof error.summary === 'string' && error.summary ? error.summary : String(error.message ?? e).split('\n')[0];
  return text.split(RE2_MATCHES).join('matches');
};

/** One expression giving `type` (bool for a rule, string for a message), compiled to a function of `self`, or why it cannot be. */
function compileExpression(expression: string, type: 'bool' | 'string'): { run: (self: unknown) => unknown } | { transition: true } | { error: string } {
  const env = celEnvironment();
  let ast: ASTNode;
  try {
    ast = env.parse(expression).ast;
  } catch (e) {
    return { error: messageOf(e) };
  }
  if (uses(ast, 'oldSelf')) return { transition: true };
  try {
    const rewritten = calls(ast, 'matches') ? env.parse(serialize(withRe2Matches(ast) as ASTNode)) : env.parse(expression);
    const checked = rewritten.check();
    if (!checked.valid) return { error: messageOf(checked.error) };
    if (checked.type !== type && checked.type !== 'dyn') return { error: `the expression gives ${checked.type}, not ${type}` };
    return { run: (self) => rewritten({ self }) };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

function compileRule(value: unknown): CompiledRule | undefined {
  if (!isObject(value) || typeof value.rule !== 'string') return undefined;
  const rule: Rule = { rule: value.rule };
  if (typeof value.message === 'string') rule.message = value.message;
  if (typeof value.messageExpression === 'string') rule.messageExpression = value.messageExpression;
  if (typeof value.fieldPath === 'string') rule.fieldPath = value.fieldPath;
  const compiled = compileExpression(rule.rule, 'bool');
  if ('transition' in compiled) return { rule, skipped: { reason: 'a transition rule (oldSelf): not run on create', warn: false } };
  if ('error' in compiled) return { rule, skipped: { reason: `not checked: ${compiled.error}`, warn: true } };
  const out: CompiledRule = { rule, run: compiled.run };
  if (rule.messageExpression !== undefined) {
    const message = compileExpression(rule.messageExpression, 'string');
    if ('run' in message) out.runMessage = message.run;
  }
  return out;
}

/** A schema node with its compiled rules, and the nodes below it that hold rules. */
interface RuleNode {
  rules: CompiledRule[];
  properties?: Map<string, RuleNode>;
  items?: RuleNode;
  additionalProperties?: RuleNode;
}

/** The rule tree of a schema: only the branches that lead to a rule; undefined when there is none. */
function ruleTree(schema: unknown): RuleNode | undefined {
  if (!isSchema(schema)) return undefined;
  const rules = Array.isArray(schema['x-kubernetes-validations']) ? schema['x-kubernetes-validations'].map(compileRule).filter((r): r is CompiledRule => r !== undefined) : [];
  const node: RuleNode = { rules };
  let any = rules.length > 0;
  if (isSchema(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      const sub = ruleTree(child);
      if (!sub) continue;
      (node.properties ??= new Map()).set(name, sub);
      any = true;
    }
  }
  const items = ruleTree(schema.items);
  if (items) any = Boolean((node.items = items));
  const extra = ruleTree(schema.additionalProperties);
  if (extra) any = Boolean((node.additionalProperties = extra));
  return any ? node : undefined;
}

/** Compiles the rules of a CRD version's `openAPIV3Schema`; the checker takes the object (nulls pruned, defaults applied). */
export function compileCelRules(openAPIV3Schema: unknown): CelChecker {
  const tree = ruleTree(openAPIV3Schema);
  if (!tree) return () => ({ errors: [], warnings: [] });
  return (object) => {
    const result: CelResult = { errors: [], warnings: [] };
    visit(tree, openAPIV3Schema as Schema, object, '', result);
    return result;
  };
}

function visit(node: RuleNode, schema: Schema, value: unknown, pointer: string, result: CelResult): void {
  if (value === undefined || value === null) return;
  if (node.rules.length) {
    // Converted once for all the node's rules (crossplane writes one rule per required parameter).
    const self = node.rules.some((r) => r.run) ? toCel(value, schema) : undefined;
    for (const compiled of node.rules) check(compiled, self, pointer, result);
  }
  if (node.properties && isObject(value) && isSchema(schema.properties)) {
    for (const [name, child] of node.properties) {
      if (Object.hasOwn(value, name)) visit(child, schema.properties[name] as Schema, value[name], `${pointer}/${escapePointer(name)}`, result);
    }
  }
  if (node.items && Array.isArray(value)) value.forEach((item, i) => visit(node.items!, schema.items as Schema, item, `${pointer}/${i}`, result));
  if (node.additionalProperties && isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (!(isSchema(schema.properties) && Object.hasOwn(schema.properties, key))) visit(node.additionalProperties, schema.additionalProperties as Schema, child, `${pointer}/${escapePointer(key)}`, result);
    }
  }
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function check(compiled: CompiledRule, self: unknown, pointer: string, result: CelResult): void {
  const where = pathOfPointer(pointer);
  if (compiled.skipped) {
    if (compiled.skipped.warn) result.warnings.push({ path: where, message: `rule ${JSON.stringify(compiled.rule.rule)} ${compiled.skipped.reason}` });
    return;
  }
  let outcome: unknown;
  try {
    outcome = compiled.run!(self);
  } catch (e) {
    result.errors.push({ path: where, message: `rule ${JSON.stringify(compiled.rule.rule)} could not be evaluated: ${messageOf(e)}` });
    return;
  }
  if (outcome === true) return;
  if (outcome !== false) {
    result.errors.push({ path: where, message: `rule ${JSON.stringify(compiled.rule.rule)} gives ${typeof outcome === 'bigint' ? `${outcome}` : JSON.stringify(outcome)}, not a boolean` });
    return;
  }
  result.errors.push({ path: joinFieldPath(where, compiled.rule.fieldPath), message: failureMessage(compiled, self) });
}

function failureMessage(compiled: CompiledRule, self: unknown): string {
  if (compiled.runMessage) {
    try {
      const message = compiled.runMessage(self);
      if (typeof message === 'string' && message.trim()) return message;
    } catch {
      // Kubernetes falls back to `message` when the message expression fails.
    }
  }
  return compiled.rule.message ?? `failed rule: ${compiled.rule.rule}`;
}

/** The node's path with the rule's `fieldPath` (`.forProvider.location`, `['a.b']`) appended. */
function joinFieldPath(path: string, fieldPath: string | undefined): string {
  if (!fieldPath) return path;
  const tail = fieldPath.startsWith('.') ? fieldPath.slice(1) : fieldPath;
  if (!path) return tail;
  return tail.startsWith('[') ? `${path}${tail}` : `${path}.${tail}`;
}

// --- Values as CEL sees them ------------------------------------------------------------------

/** CEL's reserved words, which Kubernetes makes accessible as `__<word>__`. */
const CEL_RESERVED = new Set('true false null in as break const continue else for function if import let loop package namespace return var void while'.split(' '));
const ESCAPABLE = /^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/;

/** The CEL field name of a property, as Kubernetes escapes it; undefined when CEL cannot name it. */
export function celFieldName(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!ESCAPABLE.test(name)) return undefined;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

/** A JSON value as a CEL value of its schema: ints as bigint, objects and maps as `Map`s (no prototype keys). */
export function toCel(value: unknown, schema: unknown): unknown {
  const s = isSchema(schema) ? schema : {};
  if (Array.isArray(value)) return value.map((item) => toCel(item, s.items));
  if (typeof value === 'number') {
    const integer = s.type === 'integer' || (s['x-kubernetes-int-or-string'] === true && Number.isInteger(value));
    return integer && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (!isObject(value)) return value;
  const properties = isSchema(s.properties) ? s.properties : undefined;
  const out = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value)) {
    if (properties && Object.hasOwn(properties, key)) {
      const name = celFieldName(key);
      if (name !== undefined) out.set(name, toCel(child, properties[key]));
    } else out.set(key, toCel(child, s.additionalProperties));
  }
  return out;
}

/**
 * Rules for regular expressions in schemas: a `pattern` must compile both as Go RE2 (the API
 * server's CRD validation) and as a JavaScript RegExp (the generated code and the output reader).
 * Used by the `validations` stage (which drops patterns that break them) and by the structural
 * checker of CRDs (which refuses them).
 */

const patternProblems = new Map<string, string | undefined>();

/** Why a pattern cannot be a Kubernetes CRD pattern (Go RE2) or a JavaScript RegExp; undefined when it can. Cached: specs repeat patterns. */
export function patternProblem(pattern: string): string | undefined {
  if (patternProblems.has(pattern)) return patternProblems.get(pattern);
  const problem = re2Problem(pattern) ?? javaScriptProblem(pattern);
  patternProblems.set(pattern, problem);
  return problem;
}

function javaScriptProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    return `JavaScript: ${(e as Error).message}`;
  }
}

/** Escapes with a letter that RE2 (Go `regexp/syntax`) accepts, outside and inside `[...]`; any other `\<letter>` is a syntax error there. */
const RE2_ESCAPES = new Set('afnrtvxdDsSwWpPbBAzQE');
const RE2_CLASS_ESCAPES = new Set('afnrtvxdDsSwWpP');
const MAX_REPEAT = 1000;

/** What RE2 cannot run in a (JavaScript-flavoured) pattern, found by one scan over its tokens. */
function re2Problem(pattern: string): string | undefined {
  let inClass = false;
  let quantified = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const wasQuantified: boolean = quantified;
    quantified = false;
    if (c === '\\') {
      const next = pattern[++i] ?? '';
      if (next === 'k' && pattern[i + 1] === '<') return 'named backreference';
      if (/[1-9]/.test(next)) return 'backreference';
      if (next === 'u') return '\\u escape';
      if (/[A-Za-z]/.test(next) && !(inClass ? RE2_CLASS_ESCAPES : RE2_ESCAPES).has(next)) return `escape \\${next}${inClass ? ' in a character class' : ''}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      const group = pattern.slice(i + 2, i + 4);
      if (group[0] === '=' || group[0] === '!') return 'lookahead';
      if (group === '<=' || group === '<!') return 'lookbehind';
      if (group[0] === '>') return 'atomic group';
      if (group[0] === '(') return 'conditional group';
      if (group[0] === '<' || group[0] === "'") return 'named group (?<name>), unknown to Go before 1.22';
    } else if (c === '*' || c === '+' || c === '?') {
      if (wasQuantified && c === '+') return 'possessive quantifier';
      quantified = !(wasQuantified && c === '?');
    } else if (c === '{') {
      const repeat = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat) {
        if (wasQuantified) return 'quantifier after a quantifier';
        if (Number(repeat[1]) > MAX_REPEAT || Number(repeat[2] || 0) > MAX_REPEAT) return `repeat count over ${MAX_REPEAT}`;
        i += repeat[0].length - 1;
        quantified = true;
      }
    }
  }
  return inClass ? 'unclosed character class' : undefined;
}

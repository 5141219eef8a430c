/**
 * The fuzzer's invariants on one case: no exception escapes the generator, no stage or emitter
 * crashes (armkube's contract: a bad spec never crashes a stage), no hang, every mutation that
 * breaks the input is reported by a diagnostic naming the mutated file (with the code that kind
 * of break calls for), a run that writes
 * nothing leaves the previous output byte for byte, a run that writes leaves exactly the
 * emitted files and nothing beside the output folder, and the TypeScript written compiles with
 * `tsc --strict` (when the campaign type-checks).
 */
import type { CompileResult } from './compile.js';
import { BUG_CODES, type GenerateOutcome } from './generate-once.js';
import type { Mutation } from './mutations.js';
import type { SlotResult } from './worker-slot.js';

export type Rule = 'hang' | 'crash' | 'uncaught' | 'stage-crash' | 'unreported' | 'output-touched' | 'output-incomplete' | 'leftovers' | 'compile';

export interface Violation {
  rule: Rule;
  message: string;
  /** For `unreported`: the index of the mutation in the case. */
  mutation?: number;
}

export interface CaseObservation {
  mutations: readonly Mutation[];
  result: SlotResult;
  /** Digests of the output folder before and after the run. */
  before: string;
  after: string;
  /** Entries left beside the output folder. */
  leftovers: readonly string[];
  /** The type check of what was written, when the campaign ran one. */
  compile?: CompileResult;
}

function firstLines(text: string, n: number): string {
  return text.split('\n').slice(0, n).join('\n');
}

/** Whether some diagnostic names `file` (as its location, or in its message), with one of `codes` when given. */
export function reportsFile(outcome: GenerateOutcome, file: string, codes?: readonly string[]): boolean {
  return outcome.diagnostics.some((d) => (d.file === file || d.message.includes(file)) && (!codes || codes.includes(d.code)));
}

export function checkCase(o: CaseObservation): Violation[] {
  const { result } = o;
  if (result.kind === 'hang') return [{ rule: 'hang', message: `no result after ${result.milliseconds} ms; the worker was killed` }];
  if (result.kind === 'died') return [{ rule: 'crash', message: `the worker process died (code ${result.code}, signal ${result.signal}): ${firstLines(result.stderr, 12)}` }];
  const { outcome } = result;
  const violations: Violation[] = [];
  if (outcome.uncaught) violations.push({ rule: 'uncaught', message: `exception in ${outcome.uncaught.step}: ${firstLines(outcome.uncaught.error, 8)}` });
  for (const d of outcome.diagnostics.filter((x) => BUG_CODES.has(x.code))) {
    violations.push({ rule: 'stage-crash', message: `${d.code} (${d.source}): ${firstLines(d.message, 8)}` });
  }
  for (const [i, m] of o.mutations.entries()) {
    if (m.mustReport && !reportsFile(outcome, m.file, m.expectedCodes)) {
      const codes = m.expectedCodes ? ` with code ${m.expectedCodes.join(' or ')}` : '';
      violations.push({ rule: 'unreported', message: `no diagnostic${codes} names ${m.file} after ${m.kind} (${m.detail.slice(0, 300)})`, mutation: i });
    }
  }
  if (!outcome.written && o.after !== o.before) violations.push({ rule: 'output-touched', message: 'nothing was written, yet the previous output changed' });
  if (outcome.written && o.after !== outcome.emitted.digest) {
    violations.push({ rule: 'output-incomplete', message: `the output folder does not hold exactly the ${outcome.emitted.files} emitted files` });
  }
  if (o.leftovers.length) violations.push({ rule: 'leftovers', message: `left beside the output folder: ${o.leftovers.join(', ')}` });
  if (o.compile?.kind === 'hang') violations.push({ rule: 'compile', message: `tsc --strict did not finish in ${o.compile.milliseconds} ms` });
  if (o.compile?.kind === 'checked' && o.compile.errors.length) {
    violations.push({ rule: 'compile', message: `the written TypeScript does not compile: ${o.compile.errors.length} tsc --strict error(s):\n${o.compile.errors.slice(0, 8).join('\n')}` });
  }
  return violations;
}

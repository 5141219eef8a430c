/**
 * Diagnostics are values, not exceptions: every problem found in a spec, a config or the model
 * is recorded with a code, a message and a location, and the run goes on. Callers decide what
 * is fatal (by severity, or `--strict`).
 */

import type { CodeOfSeverity, DiagnosticCode } from './diagnostic-codes.js';

/**
 * How serious a diagnostic is. None stops a run: the caller decides what is fatal (errors, or
 * warnings too with `--strict`).
 */
export type Severity = 'error' | 'warning' | 'info';

/** Where a problem is: a file (relative to the specs root when possible) and a JSON pointer in it. */
export interface SourceLocation {
  file: string;
  pointer: string;
}

/**
 * One problem, as a value: a stable `code`, a severity, a message, where it is in the specs or
 * config (`location`) and who found it (`source`).
 */
export interface Diagnostic {
  /** Stable, kebab-case identifier of the kind of problem, e.g. `dangling-ref` (see `diagnostic-codes.ts`). */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  location?: SourceLocation;
  /** The stage or component that reported it (`loader`, a stage id, an emitter id). */
  source?: string;
}

/** Collects diagnostics; cheap to pass around, never throws. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  constructor(private readonly defaultSource?: string) {}

  add(d: Diagnostic): void {
    this.items.push(d.source || !this.defaultSource ? d : { ...d, source: this.defaultSource });
  }
  error(code: CodeOfSeverity<'error'>, message: string, location?: SourceLocation): void {
    this.add({ code, severity: 'error', message, location });
  }
  warning(code: CodeOfSeverity<'warning'>, message: string, location?: SourceLocation): void {
    this.add({ code, severity: 'warning', message, location });
  }
  info(code: CodeOfSeverity<'info'>, message: string, location?: SourceLocation): void {
    this.add({ code, severity: 'info', message, location });
  }
  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }
}

/** Counts diagnostics by code, most frequent first (ties by code), for summaries. */
export function countByCode(diagnostics: readonly Diagnostic[]): { code: DiagnosticCode; severity: Severity; count: number }[] {
  const counts = new Map<string, { code: DiagnosticCode; severity: Severity; count: number }>();
  for (const d of diagnostics) {
    const key = `${d.severity}:${d.code}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { code: d.code, severity: d.severity, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** `file#/pointer` form used in messages. */
export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  return location.pointer ? `${location.file}#${location.pointer}` : location.file;
}

/** One line for people: `<severity> <code>: <message> (<file>#<pointer>)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  return `${d.severity} ${d.code}: ${d.message}${where ? ` (${where})` : ''}`;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointerSegment(segment: string): string {
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) out += '/' + escapePointerSegment(String(s));
  return out;
}

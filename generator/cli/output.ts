/** Shared CLI plumbing: progress on a terminal, JSON output, exit codes. */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export const EXIT_OK = 0;
export const EXIT_DIAGNOSTICS = 1;
export const EXIT_USAGE = 2;

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

/**
 * Progress goes to stderr, only on a terminal, never with --json or --quiet. Each step (loading,
 * a stage, an emitter, writing) gets a line with its time once the next one starts; messages
 * within a step (`loading 12/1083 ...`) update that line in place.
 */
export function progress(options: OutputOptions): (message: string) => void {
  if (options.quiet || options.json || !process.stderr.isTTY) return () => {};
  return (message) => {
    const label = message.startsWith('loading ') ? 'loading' : message;
    if (openStep?.label !== label) {
      finishStep(openStep);
      openStep = { label, started: performance.now() };
    }
    process.stderr.write(`\r\x1b[K${message}`);
  };
}

/** The step whose line is open (one process runs one command). */
let openStep: { label: string; started: number } | undefined;

function finishStep(step: { label: string; started: number } | undefined): void {
  if (!step) return;
  process.stderr.write(`\r\x1b[K${step.label.padEnd(60)} ${((performance.now() - step.started) / 1000).toFixed(2).padStart(7)} s\n`);
  openStep = undefined;
}

export function endProgress(options: OutputOptions): void {
  if (options.quiet || options.json || !process.stderr.isTTY) return;
  finishStep(openStep);
  process.stderr.write('\r\x1b[K');
}

/** Diagnostics that mean armkube itself failed (a stage or emitter crashed), not the specs: nothing is written then. */
export { CRASH_CODES } from '../diagnostic-codes.js';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function usageError(message: string): never {
  process.stderr.write(`armkube: ${message}\n`);
  process.exit(EXIT_USAGE);
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], limit = 20): void {
  for (const d of diagnostics.slice(0, limit)) process.stderr.write(formatDiagnostic(d) + '\n');
  if (diagnostics.length > limit) process.stderr.write(`... and ${diagnostics.length - limit} more\n`);
}

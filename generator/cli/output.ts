/** Shared CLI plumbing: progress on a terminal, JSON output, exit codes. */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export const EXIT_OK = 0;
export const EXIT_DIAGNOSTICS = 1;
export const EXIT_USAGE = 2;

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

/** Progress goes to stderr, only on a terminal, never with --json or --quiet. */
export function progress(options: OutputOptions): (message: string) => void {
  if (options.quiet || options.json || !process.stderr.isTTY) return () => {};
  return (message) => process.stderr.write(`\r\x1b[K${message}`);
}

export function endProgress(options: OutputOptions): void {
  if (!options.quiet && !options.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

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

/**
 * What `generate` and `docs` share to never destroy what armkube did not write and never fail
 * silently: the output folder checked before anything runs (exit 2), one run at a time per output
 * folder (the lock), SIGINT/SIGTERM turned into a clean stop, and write failures as one line.
 */
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import { checkReplaceable, OutputRefusedError, type GuardOptions } from '../emit/output-folder.js';
import { describeError, OutputInterruptedError, OutputWriteError } from '../emit/write-output.js';
import { acquireOutputLock, OutputLockError, type OutputLock } from './output-lock.js';
import { EXIT_DIAGNOSTICS, EXIT_USAGE, printJson } from './output.js';

/** Exit codes of a run stopped by a signal, as shells report them (128 + the signal number). */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Exits 2 when `folder` may not be replaced, with the path, the reason and what to do. */
export function checkOutFolder(folder: string, options: GuardOptions & { json?: boolean }): void {
  try {
    checkReplaceable(folder, options);
  } catch (e) {
    if (e instanceof OutputRefusedError) refused(e, options.json);
    throw e;
  }
}

function refused(e: OutputRefusedError, json: boolean | undefined): never {
  if (json) printJson({ written: false, error: { code: 'output-refused' satisfies CodeOfSeverity<'error'>, path: e.folder, reason: e.reason, hint: e.hint, text: e.message } });
  process.stderr.write(`armkube: ${e.message}\n`);
  process.exit(EXIT_USAGE);
}

/**
 * Turns SIGINT and SIGTERM into an aborted `signal`: the run stops at its next check (between
 * steps, every few files while writing) and cleans up. A second signal exits at once.
 */
export class Interrupts {
  private readonly controller = new AbortController();
  private readonly handlers: [NodeJS.Signals, () => void][] = [];

  constructor() {
    for (const name of ['SIGINT', 'SIGTERM'] as NodeJS.Signals[]) {
      const handler = () => {
        if (this.controller.signal.aborted) process.exit(SIGNAL_EXIT[name]);
        process.stderr.write(`\narmkube: ${name} received: stopping, the output folder is left as it was\n`);
        this.controller.abort(name);
      };
      process.on(name, handler);
      this.handlers.push([name, handler]);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Lets a pending signal be handled, then throws `OutputInterruptedError` if one came. */
  async check(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.signal.aborted) throw new OutputInterruptedError(String(this.signal.reason));
  }

  dispose(): void {
    for (const [name, handler] of this.handlers) process.off(name, handler);
  }
}

/** Takes the output folder's lock, saying so on stderr when it has to wait. */
export async function lockOut(folder: string, command: string, interrupts: Interrupts): Promise<OutputLock> {
  const lock = await acquireOutputLock(folder, {
    command,
    signal: interrupts.signal,
    onWait: (h) => process.stderr.write(`armkube: waiting for another armkube run (pid ${h.pid}, ${h.command}) that is writing ${folder}\n`),
  });
  if (lock.waitedFor) process.stderr.write(`armkube: the other run (pid ${lock.waitedFor.pid}) finished; this run now replaces its output\n`);
  return lock;
}

/**
 * A run that stopped on an error of its own (not a diagnostic): prints one line (and the JSON
 * summary with `--json`) and sets the exit code. Returns false for an error it does not know,
 * which is a bug to show in full.
 */
export function reportRunFailure(e: unknown, json: boolean | undefined, summary: Record<string, unknown>): boolean {
  if (e instanceof OutputRefusedError) refused(e, json);
  let code: CodeOfSeverity<'error'>;
  let exit: number = EXIT_DIAGNOSTICS;
  if (e instanceof OutputInterruptedError) {
    code = 'interrupted';
    exit = SIGNAL_EXIT[e.reason] ?? EXIT_DIAGNOSTICS;
  } else if (e instanceof OutputLockError) code = 'output-locked';
  else if (e instanceof OutputWriteError) code = 'write-failed';
  else if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string') code = 'write-failed';
  else return false;
  const message = e instanceof Error && !(e instanceof OutputWriteError) && code === 'write-failed' ? `cannot write the output: ${describeError(e)}` : (e as Error).message;
  if (json) printJson({ ...summary, written: false, error: { code, message } });
  process.stderr.write(`armkube: ${message}\n`);
  process.exitCode = exit;
  return true;
}

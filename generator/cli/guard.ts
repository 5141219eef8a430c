/**
 * The last line of defence of `import`, `render` and `validate`: whatever a command did not turn
 * into a diagnostic (a bug, or an input nobody thought of) is reported as one error line, in text
 * or `--json`, with exit code 1, never as a JavaScript stack trace. `ARMKUBE_DEBUG=1` adds the stack.
 */
import { error, fail } from './generated-output.js';

export function guarded<Opts extends { json?: boolean }>(command: string, action: (file: string, opts: Opts) => void | Promise<void>): (file: string, opts: Opts) => Promise<void> {
  return async (file, opts) => {
    try {
      await action(file, opts);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      fail([error('internal-error', `armkube ${command} stopped on an unexpected error: ${err.message}. Please report it with the input that caused it${process.env.ARMKUBE_DEBUG ? '' : ' (ARMKUBE_DEBUG=1 shows where it happened)'}`, file)], opts.json);
      if (process.env.ARMKUBE_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
    }
  };
}

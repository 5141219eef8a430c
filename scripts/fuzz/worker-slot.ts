/**
 * One fuzz worker process and the case it runs: sends a case, waits for the outcome with a time
 * limit, kills the process on a hang (and starts a fresh one for the next case), and reports a
 * process that died on its own (a native crash, out of memory) with the end of its stderr.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerateOutcome } from './generate-once.js';

export type SlotResult =
  | { kind: 'done'; outcome: GenerateOutcome }
  | { kind: 'hang'; milliseconds: number }
  | { kind: 'died'; code: number | null; signal: string | null; stderr: string };

/** The compiled worker beside the compiled fuzz scripts (`dist/scripts/fuzz/worker.js`). */
export function defaultWorkerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From the TypeScript sources (vitest), use the build output.
  return here.split(path.sep).includes('dist') ? path.join(here, 'worker.js') : path.join(here, '..', '..', 'dist', 'scripts', 'fuzz', 'worker.js');
}

export class WorkerSlot {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private stderr = '';
  private nextId = 0;

  constructor(private readonly script = defaultWorkerScript()) {}

  private start(): Promise<void> {
    const child = fork(this.script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    this.child = child;
    this.stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve();
      };
      const onExit = (code: number | null) => reject(new Error(`fuzz worker ${this.script} exited (${code}) before it was ready: ${this.stderr}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    return this.ready;
  }

  /** Runs one case; never rejects for a hang or a crash of the worker (only when it cannot start at all). */
  async run(specsDir: string, outDir: string, timeoutMs: number): Promise<SlotResult> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) await this.start();
    else await this.ready;
    const child = this.child!;
    const id = ++this.nextId;
    const started = performance.now();
    return new Promise<SlotResult>((resolve) => {
      const finish = (result: SlotResult) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (m: { id?: number; outcome?: GenerateOutcome }) => {
        if (m.id === id && m.outcome) finish({ kind: 'done', outcome: m.outcome });
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = undefined;
        finish({ kind: 'died', code, signal, stderr: this.stderr });
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        this.child = undefined;
        finish({ kind: 'hang', milliseconds: Math.round(performance.now() - started) });
      }, timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, specsDir, outDir });
    });
  }

  /** Ends the worker process (it holds no state worth keeping). */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}

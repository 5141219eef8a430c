/**
 * Starts the kube-server binary and stops it. Start resolves when the server prints its ready
 * line (the kubeconfig is then written), and rejects with one clear message when the program
 * exits first (its "kube-server: error: ..." line) or is not ready within the timeout, in which
 * case it is killed: a bad start never hangs the suite. The server also stops by itself when
 * this process goes away (its stdin closes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  kubeconfig: string;
  /** The server's log file (etcd and kube-apiserver). */
  log: string;
  /** Seconds from spawn to ready. */
  startSeconds: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The embedded etcd's loopback port (default: a free one). */
  etcdPort?: number;
  /** Extra kube-apiserver flags. */
  apiserverFlags?: string[];
  timeoutMs?: number;
}

export function startServer(binary: string, options: StartOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-cluster-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const log = path.join(dir, 'server.log');
  const args = ['-kubeconfig', kubeconfig, '-log', log, '-exit-on-stdin-close'];
  if (options.etcdPort !== undefined) args.push('-etcd-port', String(options.etcdPort));
  if (options.apiserverFlags?.length) args.push('--', ...options.apiserverFlags);
  const timeoutMs = options.timeoutMs ?? 180_000;
  const started = Date.now();
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));

  return new Promise<RunningServer>((resolve, reject) => {
    const fail = (message: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      // SIGTERM first: the server then removes its etcd data; SIGKILL if it does not go.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(message));
    };
    const timer = setTimeout(() => fail(`kube-server was not ready within ${timeoutMs / 1000} s (log tail: ${tail(log)})`), timeoutMs);
    child.on('error', (e) => fail(`kube-server could not be started: ${e.message}`));
    child.on('exit', (code, signal) => {
      if (!/kube-server: ready/.test(stdout)) fail(firstError(stderr) ?? `kube-server exited (${signal ?? `code ${code}`}) before it was ready (log tail: ${tail(log)})`);
    });
    const poll = setInterval(() => {
      const ready = /kube-server: ready (\S+)/.exec(stdout);
      if (!ready) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ url: ready[1], kubeconfig, log, startSeconds: (Date.now() - started) / 1000, stop: () => stopServer(child, exited, dir) });
    }, 50);
  });
}

async function stopServer(child: ChildProcess, exited: Promise<void>, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  }
  rmSync(dir, { recursive: true, force: true });
}

function firstError(stderr: string): string | undefined {
  return stderr.split('\n').find((l) => l.startsWith('kube-server: error:'));
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' | ');
  } catch {
    return 'no log';
  }
}

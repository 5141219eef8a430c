/**
 * Bad input to the server harness gives one clear message, fast: an etcd port already in use, a
 * kube-apiserver that refuses its flags, a server that is not ready in time (killed).
 */
import net from 'node:net';
import { expect } from 'vitest';
import { startServer } from '../support/server.js';

export async function portInUse(binary: string): Promise<string> {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    const error = await startServer(binary, { etcdPort: port, timeoutMs: 60_000 }).then(
      (s) => s.stop().then(() => new Error('started')),
      (e: Error) => e,
    );
    expect(error.message).toBe(`kube-server: error: port 127.0.0.1:${port} is in use`);
    return error.message;
  } finally {
    blocker.close();
  }
}

export async function failingStart(binary: string): Promise<string> {
  const error = await startServer(binary, { apiserverFlags: ['--no-such-flag=1'], timeoutMs: 120_000 }).then(
    (s) => s.stop().then(() => new Error('started')),
    (e: Error) => e,
  );
  expect(error.message).toMatch(/^kube-server: error: kube-apiserver failed to start: .*no-such-flag/);
  return error.message;
}

export async function notReadyInTime(binary: string): Promise<string> {
  const error = await startServer(binary, { timeoutMs: 200 }).then(
    (s) => s.stop().then(() => new Error('started')),
    (e: Error) => e,
  );
  expect(error.message).toMatch(/^kube-server was not ready within 0.2 s/);
  return error.message;
}

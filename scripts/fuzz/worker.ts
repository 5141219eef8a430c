/**
 * A fuzz worker process: receives cases over IPC (`{ id, specsDir, outDir }`), runs the whole
 * generator on each (see generate-once.ts) and sends back the outcome. One process serves many
 * cases, so that loading the generator's modules is paid once; the parent kills it on a hang.
 */
import { generateOnce } from './generate-once.js';

interface Request {
  id: number;
  specsDir: string;
  outDir: string;
}

if (!process.send) {
  process.stderr.write('fuzz worker: must be started with an IPC channel (by the fuzz campaign)\n');
  process.exit(2);
}

process.on('message', async (request: Request) => {
  const outcome = await generateOnce(request.specsDir, request.outDir);
  process.send!({ id: request.id, outcome });
});
process.send({ ready: true });

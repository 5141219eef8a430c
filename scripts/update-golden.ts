/** `npm run update-golden`: regenerates the golden files of `tests/golden` (see `golden.ts`). */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { goldenRoot, orphanGoldenDirs, runGolden } from './golden.js';

for (const orphan of orphanGoldenDirs()) {
  rmSync(path.join(goldenRoot, orphan), { recursive: true });
  process.stdout.write(`removed tests/golden/${orphan} (no such fixture)\n`);
}
for (const r of await runGolden(false)) process.stdout.write(`tests/golden/${r.name}: ${r.kinds} kinds, ${r.files} files\n`);
process.stdout.write('review the changes with: git diff --stat tests/golden\n');

/** `npm run update-docs`: rewrites the generated parts of `docs/` (see `docs-pages.ts`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../generator/package-root.js';
import { generatedDocs, readDoc, withGenerated } from './docs-pages.js';

const root = packageRoot();
for (const doc of generatedDocs) {
  const current = readDoc(root, doc);
  const next = withGenerated(current, doc);
  if (next === current) continue;
  mkdirSync(path.dirname(path.join(root, doc.file)), { recursive: true });
  writeFileSync(path.join(root, doc.file), next);
  process.stdout.write(`updated ${doc.file}\n`);
}

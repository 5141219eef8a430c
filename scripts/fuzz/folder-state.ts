/**
 * The state of an output folder as the fuzzer checks it: a digest of every file (the same
 * digest `digestFiles` gives for emitted files, so a written folder can be compared with what
 * the emitters produced) and the staging or backup folders `writeOutput` may leave beside it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MARKER } from '../../generator/emit/output-folder.js';
import { digestFiles } from './generate-once.js';

/** Digest of a folder's files (relative paths with forward slashes), the marker file left out; `'absent'` when there is no folder. */
export function folderDigest(dir: string): string {
  if (!existsSync(dir)) return 'absent';
  const files: { path: string; content: Buffer }[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (rel === MARKER) continue; // writeOutput's list of the files, not an emitted file
      if (entry.isDirectory()) walk(rel);
      else files.push({ path: rel, content: readFileSync(path.join(dir, rel)) });
    }
  };
  walk('');
  return digestFiles(files);
}

/** Entries beside `outDir` that `writeOutput` creates while it works (`<out>.armkube-tmp-*`, `<out>.armkube-old-*`). */
export function leftoversBeside(outDir: string): string[] {
  const prefix = path.basename(outDir) + '.armkube-';
  return readdirSync(path.dirname(outDir)).filter((name) => name.startsWith(prefix));
}

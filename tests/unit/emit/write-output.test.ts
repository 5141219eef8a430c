import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../../../generator/emit/write-output.js';

function tempOut(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'armkube-write-')), 'output');
}

describe('writeOutput', () => {
  it('replaces the output folder as a whole with the emitted files', () => {
    const out = tempOut();
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'stale.yaml'), 'old');
    const result = writeOutput(out, [
      { path: 'crds/b.yaml', content: 'b: 1\n' },
      { path: 'ts/index.ts', content: 'export {};\n' },
      { path: 'crds/a.yaml', content: 'a: 1\n' },
    ]);
    expect(result).toEqual({ files: 3, bytes: 21 });
    expect(existsSync(path.join(out, 'stale.yaml'))).toBe(false);
    expect(readdirSync(path.join(out, 'crds'))).toEqual(['a.yaml', 'b.yaml']);
    expect(readFileSync(path.join(out, 'ts/index.ts'), 'utf8')).toBe('export {};\n');
    // No staging or backup folder is left beside it.
    expect(readdirSync(path.dirname(out))).toEqual(['output']);
  });

  it('leaves the previous output untouched when a file cannot be written', () => {
    const out = tempOut();
    writeOutput(out, [{ path: 'keep.txt', content: 'previous' }]);
    expect(() => writeOutput(out, [{ path: 'ok.txt', content: 'x' }, { path: '../escape.txt', content: 'x' }])).toThrow(/leaves the output folder/);
    expect(() => writeOutput(out, [{ path: 'same.txt', content: 'x' }, { path: 'same.txt', content: 'y' }])).toThrow(/two emitted files/);
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('previous');
    expect(readdirSync(path.dirname(out))).toEqual(['output']);
  });

  it('creates an empty output folder for no files', () => {
    const out = tempOut();
    expect(writeOutput(out, [])).toEqual({ files: 0, bytes: 0 });
    expect(readdirSync(out)).toEqual([]);
  });
});

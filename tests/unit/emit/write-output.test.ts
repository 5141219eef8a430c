import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER, OutputRefusedError } from '../../../generator/emit/output-folder.js';
import { OutputInterruptedError, writeOutput, writeOutputAsync } from '../../../generator/emit/write-output.js';

function tempOut(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'armkube-write-')), 'output');
}

const marker = (out: string) => JSON.parse(readFileSync(path.join(out, MARKER), 'utf8')) as { writtenBy: string; files: string[] };

describe('writeOutput', () => {
  it('replaces the output folder it wrote as a whole with the emitted files and a marker listing them', () => {
    const out = tempOut();
    writeOutput(out, [{ path: 'stale.yaml', content: 'old' }]);
    const result = writeOutput(out, [
      { path: 'crds/b.yaml', content: 'b: 1\n' },
      { path: 'ts/index.ts', content: 'export {};\n' },
      { path: 'crds/a.yaml', content: 'a: 1\n' },
    ]);
    expect(result).toEqual({ files: 3, bytes: 21, replaced: 'marked' });
    expect(existsSync(path.join(out, 'stale.yaml'))).toBe(false);
    expect(readdirSync(path.join(out, 'crds'))).toEqual(['a.yaml', 'b.yaml']);
    expect(readFileSync(path.join(out, 'ts/index.ts'), 'utf8')).toBe('export {};\n');
    expect(marker(out)).toMatchObject({ writtenBy: 'armkube', files: ['crds/a.yaml', 'crds/b.yaml', 'ts/index.ts'] });
    // No staging or backup folder is left beside it.
    expect(readdirSync(path.dirname(out))).toEqual(['output']);
  });

  it('refuses a folder it did not write, and one holding a file it did not write, touching nothing', () => {
    const out = tempOut();
    mkdirSync(out);
    writeFileSync(path.join(out, 'mine.txt'), 'mine');
    expect(() => writeOutput(out, [{ path: 'a.yaml', content: 'a' }])).toThrow(OutputRefusedError);
    expect(readdirSync(out)).toEqual(['mine.txt']);
    const other = tempOut();
    writeOutput(other, [{ path: 'a.yaml', content: 'a' }]);
    writeFileSync(path.join(other, 'mine.txt'), 'mine');
    expect(() => writeOutput(other, [{ path: 'b.yaml', content: 'b' }])).toThrow(/holds 1 file\(s\) armkube did not write: mine\.txt/);
    expect(readdirSync(other).sort()).toEqual([MARKER, 'a.yaml', 'mine.txt']);
  });

  it('leaves the previous output untouched when a file cannot be written', () => {
    const out = tempOut();
    writeOutput(out, [{ path: 'keep.txt', content: 'previous' }]);
    expect(() => writeOutput(out, [{ path: 'ok.txt', content: 'x' }, { path: '../escape.txt', content: 'x' }])).toThrow(/leaves the output folder/);
    expect(() => writeOutput(out, [{ path: 'same.txt', content: 'x' }, { path: 'same.txt', content: 'y' }])).toThrow(/two emitted files/);
    expect(() => writeOutput(out, [{ path: MARKER, content: '{}' }])).toThrow(/the marker file/);
    expect(readdirSync(out).sort()).toEqual([MARKER, 'keep.txt']);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('previous');
    expect(readdirSync(path.dirname(out))).toEqual(['output']);
  });

  it('creates an output folder holding only the marker for no files', () => {
    const out = tempOut();
    expect(writeOutput(out, [])).toEqual({ files: 0, bytes: 0, replaced: 'absent' });
    expect(readdirSync(out)).toEqual([MARKER]);
    expect(marker(out).files).toEqual([]);
  });

  it('stops when its signal is aborted: the staging folder goes, the previous output stays', async () => {
    const out = tempOut();
    writeOutput(out, [{ path: 'keep.txt', content: 'previous' }]);
    const controller = new AbortController();
    const files = Array.from({ length: 500 }, (_, i) => ({ path: `f/${i}.txt`, content: String(i) }));
    const writing = writeOutputAsync(out, files, { signal: controller.signal });
    controller.abort('SIGINT');
    await expect(writing).rejects.toThrow(OutputInterruptedError);
    expect(readdirSync(out).sort()).toEqual([MARKER, 'keep.txt']);
    expect(readdirSync(path.dirname(out))).toEqual(['output']);
    // Not aborted, the same write goes through.
    expect((await writeOutputAsync(out, files)).files).toBe(500);
  });
});

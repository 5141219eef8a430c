/** `checkReplaceable`: which folders armkube may replace as a whole, and the refusals' reasons. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReplaceable, MARKER, markerContent } from '../../../generator/emit/output-folder.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-folder-'));
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

const cwd = os.tmpdir();

describe('checkReplaceable', () => {
  it('absent, empty, marked', () => {
    const dir = folder({});
    expect(checkReplaceable(path.join(dir, 'new', 'deeper'), { cwd })).toBe('absent');
    expect(checkReplaceable(dir, { cwd })).toBe('empty');
    writeFileSync(path.join(dir, 'a.yaml'), 'a');
    writeFileSync(path.join(dir, MARKER), markerContent(['a.yaml', 'gone.yaml']));
    expect(checkReplaceable(dir, { cwd })).toBe('marked');
  });

  it('a sub-folder with a marker of its own is checked against it; armkube staging folders and locks are not foreign', () => {
    const dir = folder({ [MARKER]: markerContent(['crds/a.yaml']), 'crds/a.yaml': 'a', [`docs/${MARKER}`]: markerContent(['index.md']), 'docs/index.md': '#', 'docs.armkube-lock': '{}', 'docs.armkube-tmp-12/x.md': 'x' });
    expect(checkReplaceable(dir, { cwd })).toBe('marked');
    writeFileSync(path.join(dir, 'docs', 'mine.md'), 'mine');
    expect(() => checkReplaceable(dir, { cwd })).toThrow(/holds 1 file\(s\) armkube did not write: docs\/mine\.md/);
  });

  it("<out>/docs is recognised by <out>'s marker", () => {
    const dir = folder({ [MARKER]: markerContent(['crds/a.yaml', 'docs/index.md']), 'crds/a.yaml': 'a', 'docs/index.md': '#' });
    expect(checkReplaceable(path.join(dir, 'docs'), { cwd })).toBe('marked');
    writeFileSync(path.join(dir, 'docs', 'extra.md'), 'mine');
    expect(() => checkReplaceable(path.join(dir, 'docs'), { cwd })).toThrow(/did not write: extra\.md/);
  });

  it('a marker that is not armkube\'s, or not JSON, counts as none', () => {
    expect(() => checkReplaceable(folder({ [MARKER]: '{"writtenBy":"someone","files":[]}', 'x.txt': 'x' }), { cwd })).toThrow(/not written by armkube/);
    expect(() => checkReplaceable(folder({ [MARKER]: 'not json', 'x.txt': 'x' }), { cwd })).toThrow(/not written by armkube/);
  });

  it('outputs from before the marker: only crds/ .yaml, ts/ .ts, docs/ .md; a docs folder of .md pages with index.md', () => {
    expect(checkReplaceable(folder({ 'crds/a.yaml': 'a', 'ts/x/index.ts': '', 'docs/index.md': '' }), { cwd })).toBe('legacy');
    expect(() => checkReplaceable(folder({ 'crds/a.yaml': 'a', 'ts/x/index.js': '' }), { cwd })).toThrow(/not written by armkube/);
    expect(() => checkReplaceable(folder({ 'crds/a.yaml': 'a', 'README.md': '' }), { cwd })).toThrow(/not written by armkube/);
    const docs = path.join(folder({ 'docs/index.md': '', 'docs/storage.azure.com.md': '' }), 'docs');
    expect(checkReplaceable(docs, { cwd })).toBe('legacy');
    const guide = path.join(folder({ 'docs/guide.md': '' }), 'docs');
    expect(() => checkReplaceable(guide, { cwd })).toThrow(/not written by armkube/);
  });

  it('refuses a symbolic link, the current folder and its ancestors, a repository root, the specs folder and its ancestors', () => {
    const dir = folder({ 'specs/a.json': '{}', 'repo/.git/HEAD': 'ref', 'real/x': 'x' });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
    expect(() => checkReplaceable(path.join(dir, 'link'), { cwd })).toThrow(/it is a symbolic link/);
    expect(() => checkReplaceable(path.join(dir, 'real'), { cwd: path.join(dir, 'real') })).toThrow(/it is the current folder/);
    expect(() => checkReplaceable(dir, { cwd: path.join(dir, 'real') })).toThrow(/it holds the current folder/);
    expect(() => checkReplaceable(path.join(dir, 'repo'), { cwd })).toThrow(/root of a git repository/);
    expect(() => checkReplaceable(path.join(dir, 'specs'), { cwd, specsDir: path.join(dir, 'specs') })).toThrow(/it is the specs folder/);
    expect(() => checkReplaceable(dir, { cwd, specsDir: path.join(dir, 'specs') })).toThrow(/it holds the specs folder/);
    expect(() => checkReplaceable(path.join(dir, 'specs', 'a.json', 'out'), { cwd })).toThrow(/a\.json is a file, not a folder/);
  });
});

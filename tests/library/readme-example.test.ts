/**
 * The README's library example, exactly as printed: its `ts` block is `src/generate.ts` and its
 * `json` block the `tsconfig.json` of a new package (`"type": "module"`) whose
 * `node_modules/armkube` links to this repository, as `npm install` of it would (the built `dist/`
 * through the `exports` map). It must compile with the repository's TypeScript and run. The
 * complete generator of `docs/library.md` too, with the same tsconfig.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureSpecsDir, fixturesDir, hasAzureSpecs, repoRoot } from '../helpers.js';

/** The first fenced block of `language` after the heading `heading` of a Markdown text. */
export function codeBlock(markdown: string, heading: string, language: string): string {
  const text = `\n${markdown}`;
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const match = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'm').exec(text.slice(start));
  if (!match) throw new Error(`no ${language} block after ${heading}`);
  return match[1];
}

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout.trim(), output: `${r.stdout}${r.stderr}`.trim() };
}

describe("the README's library example", () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'armkube-readme-'));
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'readme-example', private: true, type: 'module' }));
    writeFileSync(path.join(work, 'tsconfig.json'), codeBlock(readme, '## Use as a library', 'json'));
    mkdirSync(path.join(work, 'src'));
    writeFileSync(path.join(work, 'src', 'generate.ts'), codeBlock(readme, '## Use as a library', 'ts'));
    mkdirSync(path.join(work, 'node_modules'));
    symlinkSync(repoRoot, path.join(work, 'node_modules', 'armkube'), 'dir');
    symlinkSync(path.join(repoRoot, 'node_modules', '@types'), path.join(work, 'node_modules', '@types'), 'dir');
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is the program the README describes', () => {
    const source = readFileSync(path.join(work, 'src', 'generate.ts'), 'utf8');
    expect(source.startsWith('// src/generate.ts\n')).toBe(true);
    expect(source).toContain("from 'armkube';");
    expect(JSON.parse(readFileSync(path.join(work, 'tsconfig.json'), 'utf8')).compilerOptions).toMatchObject({ strict: true, types: ['node'] });
  });

  it('compiles with tsc (strict) against the built package', () => {
    const r = run([tsc, '-p', 'tsconfig.json'], work);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs on a fixture, writing the CRDs of the one namespace it is given', () => {
    rmSync(path.join(work, 'output'), { recursive: true, force: true });
    const r = run(['dist/generate.js', path.join(fixturesDir, 'pipeline', 'spec-status'), 'Contoso.Vaults'], work);
    expect(r.output).toBe('3 specs, 3 CRDs in output/crds, 0 errors');
    expect(r.status).toBe(0);
    expect(readdirSync(path.join(work, 'output', 'crds')).sort()).toEqual([
      'contoso.vaults.azure.com_vaults.yaml',
      'contoso.vaults.azure.com_vaultslocks.yaml',
      'contoso.vaults.azure.com_vaultssecrets.yaml',
    ]);
  });

  it.skipIf(!hasAzureSpecs)('runs on the real specs with its defaults (Microsoft.Storage)', () => {
    rmSync(path.join(work, 'output'), { recursive: true, force: true });
    const r = run(['dist/generate.js', azureSpecsDir], work);
    expect(r.status).toBe(0);
    const match = /^(\d+) specs, (\d+) CRDs in output\/crds, 0 errors$/.exec(r.stdout);
    expect(match, r.output).not.toBeNull();
    expect(Number(match![2])).toBeGreaterThan(5);
    expect(readdirSync(path.join(work, 'output', 'crds')).every((f) => f.startsWith('storage.azure.com_'))).toBe(true);
  });
});

describe('the complete generator of docs/library.md', () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'armkube-library-doc-'));
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'library-example', private: true, type: 'module' }));
    writeFileSync(path.join(work, 'tsconfig.json'), codeBlock(readme, '## Use as a library', 'json'));
    mkdirSync(path.join(work, 'src'));
    const doc = readFileSync(path.join(repoRoot, 'docs', 'library.md'), 'utf8');
    writeFileSync(path.join(work, 'src', 'generate.ts'), codeBlock(doc, '# Use as a library', 'ts'));
    mkdirSync(path.join(work, 'node_modules'));
    symlinkSync(repoRoot, path.join(work, 'node_modules', 'armkube'), 'dir');
    symlinkSync(path.join(repoRoot, 'node_modules', '@types'), path.join(work, 'node_modules', '@types'), 'dir');
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('compiles with tsc (strict) against the built package', () => {
    const r = run([tsc, '-p', 'tsconfig.json'], work);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!hasAzureSpecs)('runs on the real specs: CRDs with spec.deletionPolicy and kinds.md', () => {
    const r = run(['dist/generate.js', azureSpecsDir], work);
    expect(r.status).toBe(0);
    const match = /^(\d+) files in output\/, (\d+) specs with deletionPolicy, 0 errors$/.exec(r.stdout);
    expect(match, r.output).not.toBeNull();
    expect(Number(match![2])).toBeGreaterThan(5);
    expect(readFileSync(path.join(work, 'output', 'kinds.md'), 'utf8')).toContain('StorageAccount: Microsoft.Storage/storageAccounts');
  });
});

/** The generated parts of `docs/` are current (else: `npm run update-docs`), and the code registry lists only codes armkube raises. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registeredCodes } from '../../../generator/diagnostic-codes.js';
import { generatedDocs, readDoc, withGenerated } from '../../../scripts/docs-pages.js';
import { repoRoot } from '../../helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('generated docs', () => {
  for (const doc of generatedDocs) {
    it(`${doc.file}${doc.section ? ` (section ${doc.section})` : ''} is up to date: run npm run update-docs`, () => {
      const current = readDoc(repoRoot, doc);
      expect(current, `${doc.file} is missing`).toBeDefined();
      expect(withGenerated(current, doc)).toBe(current);
    });
  }

  it('the diagnostics page lists every registered code, and the pipeline page every stage of every target', () => {
    const diagnostics = readFileSync(path.join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
    for (const code of registeredCodes()) expect(diagnostics).toContain(`| \`${code}\` |`);
    const pipeline = readFileSync(path.join(repoRoot, 'docs', 'pipeline.md'), 'utf8');
    expect(pipeline).toContain('| 5 | [`spec-status`](../generator/pipeline/spec-status.ts) |');
    expect(pipeline).toContain('| 16 | [`crossplane-managed`](../generator/pipeline/crossplane-managed.ts) |');
  });
});

describe('diagnostic code registry', () => {
  it('lists only codes that some source file of generator/ raises or reads', () => {
    const registry = path.join(repoRoot, 'generator', 'diagnostic-codes.ts');
    const text = sources(path.join(repoRoot, 'generator'))
      .filter((f) => f !== registry)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = registeredCodes().filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
    expect(registeredCodes().length).toBeGreaterThan(90);
  });
});

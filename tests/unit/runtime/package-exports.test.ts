/**
 * armkube/runtime as other packages see it: the `exports` entries of package.json point at what
 * the build produces from generator/runtime, and the main runtime depends on nothing (only the
 * separate `armkube/runtime/client` entry uses @kubernetes/client-node).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; default: string } | string>;
  dependencies: Record<string, string>;
};

/** `./dist/generator/runtime/index.js` → `generator/runtime/index.ts` (tsconfig.build: rootDir `.`, outDir `dist`). */
function sourceOf(built: string): string {
  expect(built).toMatch(/^\.\/dist\/.*\.(d\.ts|js)$/);
  return built.replace(/^\.\/dist\//, '').replace(/\.(d\.ts|js)$/, '.ts');
}

/** Non-relative import specifiers of a module and of the modules it imports relatively. */
function externalImports(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[1];
    if (spec.startsWith('.')) for (const s of externalImports(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')), seen)) out.add(s);
    else out.add(spec);
  }
  return out;
}

describe('armkube/runtime exports', () => {
  it('keeps "." and adds ./runtime and ./runtime/client, each built from generator/runtime', () => {
    expect(pkg.exports['.']).toEqual({ types: './dist/generator/index.d.ts', default: './dist/generator/index.js' });
    expect(pkg.exports['./runtime']).toEqual({ types: './dist/generator/runtime/index.d.ts', default: './dist/generator/runtime/index.js' });
    expect(pkg.exports['./runtime/client']).toEqual({ types: './dist/generator/runtime/client.d.ts', default: './dist/generator/runtime/client.js' });
    // Code entries only; `./schema.json` is the config's JSON Schema, a file shipped as it is.
    for (const entry of Object.values(pkg.exports).filter((e): e is { types: string; default: string } => typeof e !== 'string')) {
      expect(sourceOf(entry.types)).toBe(sourceOf(entry.default));
      expect(existsSync(path.join(repoRoot, sourceOf(entry.default))), entry.default).toBe(true);
    }
  });

  it('the runtime imports nothing; the runtime client only @kubernetes/client-node, a dependency', () => {
    expect([...externalImports(path.join(repoRoot, 'generator', 'runtime', 'index.ts'))]).toEqual([]);
    expect([...externalImports(path.join(repoRoot, 'generator', 'runtime', 'client.ts'))]).toEqual(['@kubernetes/client-node']);
    expect(pkg.dependencies['@kubernetes/client-node']).toMatch(/^1\./);
  });
});

/**
 * Where the specs come from, in order: `--specs DIR`, the `ARMKUBE_SPECS` environment variable,
 * the config file's `specs` key, then the default places (a `../shared/azure-rest-api-specs`
 * beside the checkout, or `specs/azure-rest-api-specs` fetched by `npm run specs`).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

export const SPECS_ENV = 'ARMKUBE_SPECS';

export { packageRoot };

export function defaultSpecsCandidates(cwd = process.cwd()): string[] {
  const roots = [...new Set([cwd, packageRoot()])];
  return roots.flatMap((r) => [
    path.resolve(r, '../shared/azure-rest-api-specs/specification'),
    path.resolve(r, 'specs/azure-rest-api-specs/specification'),
  ]);
}

export type SpecsDirResult = { dir: string; from: string } | { error: string };

export function resolveSpecsDir(flag: string | undefined, configValue?: string, cwd = process.cwd()): SpecsDirResult {
  const given: [string | undefined, string][] = [
    [flag, '--specs'],
    [process.env[SPECS_ENV], `$${SPECS_ENV}`],
    [configValue, 'config "specs"'],
  ];
  for (const [value, from] of given) {
    if (!value) continue;
    const dir = path.resolve(cwd, value);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      return { error: `specs folder ${dir} (from ${from}) does not exist or is not a folder` };
    }
    return { dir, from };
  }
  for (const dir of defaultSpecsCandidates(cwd)) {
    if (existsSync(dir)) return { dir, from: 'default location' };
  }
  return {
    error:
      `no specs folder found. Pass --specs DIR, set ${SPECS_ENV}, or run "npm run specs" to fetch them. ` +
      `Looked in: ${defaultSpecsCandidates(cwd).join(', ')}`,
  };
}

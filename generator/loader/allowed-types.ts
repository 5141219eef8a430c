/**
 * `x-ms-arm-id-details.allowedResources` checked against the ARM types the loaded specs declare,
 * so that a typo in a spec (`Microsoft.Compute/virtualMachineScaleSet`) is reported, with the file
 * and the JSON pointer of the type, instead of passing silently (`arm-id-unknown-type`).
 *
 * Declared: the type of a PUT path of any loaded package, and its parent types
 * (`Microsoft.Network/virtualNetworks` of `.../subnets`), compared case-insensitively. A type of a
 * provider no loaded spec declares anything of is not judged (a run over some providers only
 * cannot know it); a type with a `*` or `{` (a pattern) neither. Each location is reported once.
 */
import type { Diagnostics, SourceLocation } from '../diagnostics.js';
import type { ApiPackage } from '../model/types.js';

/** Where a spec names an allowed ARM type. */
export interface AllowedTypeSite {
  type: string;
  location: SourceLocation;
}

export function checkAllowedTypes(sites: readonly AllowedTypeSite[], packages: readonly ApiPackage[], diagnostics: Diagnostics): void {
  if (sites.length === 0) return;
  const declared = new Set<string>();
  const namespaces = new Set<string>();
  for (const pkg of packages) {
    for (const r of pkg.resources) {
      const segments = r.armType.toLowerCase().split('/');
      namespaces.add(segments[0]);
      for (let n = 2; n <= segments.length; n++) declared.add(segments.slice(0, n).join('/'));
    }
  }
  const reported = new Set<string>();
  for (const { type, location } of sites) {
    const lower = type.toLowerCase();
    if (declared.has(lower) || /[*{]/.test(type) || !namespaces.has(lower.split('/')[0])) continue;
    const key = `${location.file}#${location.pointer}`;
    if (reported.has(key)) continue;
    reported.add(key);
    diagnostics.warning('arm-id-unknown-type', `allowed resource type ${type} is not declared by any loaded spec (a typo?); references are still made, with it listed`, location);
  }
}

/** Matching per-property overrides from the config, and remembering which ones matched. */
import type { PropertyOverride } from './options.js';

const globCache = new Map<string, RegExp>();

/** Case-insensitive glob with `*` and `?`. */
export function globMatch(glob: string | undefined, value: string): boolean {
  if (glob === undefined) return true;
  let re = globCache.get(glob);
  if (!re) {
    re = new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
    globCache.set(glob, re);
  }
  return re.test(value);
}

/**
 * A property as the config's overrides match it: provider namespace, api-version, named type and
 * ARM property name.
 */
export interface OverrideSite {
  namespace: string;
  apiVersion: string;
  typeName: string;
  armName: string;
}

/**
 * The config's property overrides (`StageContext.overrides`): stages look up the override of a
 * property with `find`, and the runner warns about the ones that matched nothing (`unused`).
 */
export class OverrideTracker {
  private readonly hits: number[];

  constructor(readonly overrides: readonly PropertyOverride[]) {
    this.hits = overrides.map(() => 0);
  }

  /** The first override matching the site that sets `field`, marking it as used. */
  find<K extends keyof PropertyOverride>(site: OverrideSite, field: K): PropertyOverride | undefined {
    if (this.overrides.length === 0) return undefined;
    for (let i = 0; i < this.overrides.length; i++) {
      const o = this.overrides[i];
      if (o[field] === undefined) continue;
      if (globMatch(o.group, site.namespace) && globMatch(o.version, site.apiVersion) && globMatch(o.type, site.typeName) && globMatch(o.property, site.armName)) {
        this.hits[i]++;
        return o;
      }
    }
    return undefined;
  }

  /** Overrides that matched no property. */
  unused(): PropertyOverride[] {
    return this.overrides.filter((_, i) => this.hits[i] === 0);
  }
}

/**
 * The scope of one generated file: which names it uses from elsewhere, so that its imports list
 * exactly those. Everything that writes a type or a call to a converter asks the scope for the
 * name, and the scope remembers to import it when it lives in another file (the shared
 * `types.ts` of the folder, or `armkube/runtime`).
 */
import type { PackagePlan, PlannedType } from './plan.js';

export const RUNTIME_MODULE = 'armkube/runtime';

export class FileScope {
  private readonly runtimeTypes = new Set<string>();
  private readonly runtimeValues = new Set<string>();
  private readonly sharedTypes = new Set<string>();
  private readonly sharedValues = new Set<string>();

  /** `key`: the file's key in the plan (a kind's key, or `SHARED`). */
  constructor(
    readonly plan: PackagePlan,
    readonly key: string,
  ) {}

  /** The name of a type's Kubernetes shape. */
  type(t: PlannedType): string {
    if (t.home !== this.key) this.sharedTypes.add(t.tsName);
    return t.tsName;
  }

  /** The name of a type's ARM shape (its Kubernetes shape when it has no ARM shape of its own). */
  armType(t: PlannedType): string {
    if (!t.armName) return this.type(t);
    if (t.home !== this.key) this.sharedTypes.add(t.armName);
    return t.armName;
  }

  /** The name of a converter function of a type. */
  fn(t: PlannedType, which: keyof PlannedType['functions']): string {
    const name = t.functions[which];
    if (!name) throw new Error(`internal: ${t.name} has no ${which} function`);
    if (t.home !== this.key) this.sharedValues.add(name);
    return name;
  }

  /** A type exported by `armkube/runtime`. */
  runtimeType(name: string): string {
    this.runtimeTypes.add(name);
    return name;
  }

  /** A function exported by `armkube/runtime`. */
  runtimeValue(name: string): string {
    this.runtimeValues.add(name);
    return name;
  }

  /** The imports of the file: module specifier → names, each marked type-only or not, sorted. */
  imports(sharedModule: string): { moduleSpecifier: string; names: { name: string; isTypeOnly: boolean }[] }[] {
    const out: { moduleSpecifier: string; names: { name: string; isTypeOnly: boolean }[] }[] = [];
    const add = (moduleSpecifier: string, types: Set<string>, values: Set<string>) => {
      const names = [...[...types].map((name) => ({ name, isTypeOnly: true })), ...[...values].map((name) => ({ name, isTypeOnly: false }))];
      if (names.length) out.push({ moduleSpecifier, names: names.sort((a, b) => compare(a.name, b.name)) });
    };
    add(RUNTIME_MODULE, this.runtimeTypes, this.runtimeValues);
    if (this.key !== 'shared') add(sharedModule, this.sharedTypes, this.sharedValues);
    return out;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

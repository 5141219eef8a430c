/**
 * Property reads and writes in generated conversion code that are right for any property name.
 * A name that plain objects inherit from `Object.prototype` (`toString`, `constructor`,
 * `__proto__` ...) is found on every object: `value.toString != null` always holds, and
 * `result.__proto__ = x` (or `{ __proto__: x }`) sets the prototype. Such names go through the
 * runtime's own-property helpers (`hasOwn`, `getOwn`, `setOwn`); every other name is written as
 * a plain access, so the code of ordinary names is unchanged.
 *
 * They also break `const x: T = {}`: TypeScript checks a property `toString?: string` of `T`
 * against the `toString()` an object literal inherits, so objects of such types are declared
 * with `as T` (see `declaresLoosely`).
 */
import { access, propertyKey, quote } from './names.js';

/** The own property names of `Object.prototype` (a test checks the list against the running engine). */
export const INHERITED_NAMES: ReadonlySet<string> = new Set([
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

export function isInherited(name: string): boolean {
  return INHERITED_NAMES.has(name);
}

/** Whether an object type with these property names must be declared with `as T` (see above). */
export function declaresLoosely(names: Iterable<string>): boolean {
  for (const name of names) if (INHERITED_NAMES.has(name)) return true;
  return false;
}

/** A key in an object literal: `__proto__` computed (`['__proto__']`), which defines a property instead of the prototype. */
export function literalKey(name: string): string {
  return name === '__proto__' ? `[${quote(name)}]` : propertyKey(name);
}

/** One step of a read: the key, and whether the object it is read from may be absent (`?.`). */
export interface Step {
  key: string;
  optional: boolean;
}

/** Names of runtime functions, imported by the file that uses them. */
export type RuntimeNamer = (name: 'hasOwn' | 'getOwn' | 'setOwn') => string;

export class OwnAccess {
  constructor(private readonly runtime: RuntimeNamer) {}

  /** A read of `root` through `keys` (each present) that no `present` test guards (a required property): own values only. */
  read(root: string, keys: readonly string[]): string {
    let out = root;
    for (const key of keys) out = isInherited(key) ? `${this.runtime('getOwn')}(${out}, ${quote(key)})` : access(out, key);
    return out;
  }

  /**
   * The condition that the value at the end of `steps` is present (`!= null`), and the
   * expression that reads it once the condition holds (TypeScript narrows it there).
   */
  present(root: string, steps: readonly Step[]): { condition: string; value: string } {
    let value = root;
    for (const s of steps) value = access(value, s.key);
    if (!steps.some((s) => isInherited(s.key))) {
      let guard = root;
      for (const s of steps) guard = access(guard, s.key, s.optional);
      return { condition: `${guard} != null`, value };
    }
    const parts: string[] = [];
    let current = root;
    for (const s of steps) {
      if (s.optional) parts.push(`${current} != null`);
      if (isInherited(s.key)) parts.push(`${this.runtime('hasOwn')}(${current}, ${quote(s.key)})`);
      current = access(current, s.key);
    }
    parts.push(`${current} != null`);
    return { condition: parts.join(' && '), value };
  }

  /** The statement `target.key = value;` (`setOwn` for `__proto__`). */
  write(target: string, key: string, value: string): string {
    return key === '__proto__' ? `${this.runtime('setOwn')}(${target}, ${quote(key)}, ${value});` : `${access(target, key)} = ${value};`;
  }

  /** The statement that sets a key only known at run time (the extra keys of an object with `additionalProperties`). */
  writeDynamic(target: string, key: string, value: string): string {
    return `${this.runtime('setOwn')}(${target}, ${key}, ${value});`;
  }
}

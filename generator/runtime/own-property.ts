/**
 * Own-property access for generated conversion code. A property named like an `Object.prototype`
 * member (`toString`, `constructor`, `valueOf`, `__proto__` ...) is found on every plain object
 * when read (`value.toString != null` always holds), and `result.__proto__ = x` sets the
 * prototype instead of a property. Generated code reads and writes such names only through
 * these helpers; other names are plain property accesses.
 */

/** Whether `value` has `key` as its own property (never an inherited one). */
export function hasOwn(value: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/** `value[key]` when it is an own property, else undefined (typed as the property, as a plain read is). */
export function getOwn<T extends object, K extends keyof T>(value: T, key: K): T[K] {
  return (hasOwn(value, key) ? value[key] : undefined) as T[K];
}

/** Sets `target[key]` as an own, enumerable data property (also for `__proto__`). */
export function setOwn<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

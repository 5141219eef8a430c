/**
 * Whether a property is read-only: its own `readOnly`, else the `readOnly` of what it refers to.
 *
 * Swagger puts `readOnly` on definitions too: common-types v5 `privatelinks.json` marks
 * `PrivateEndpointConnectionProvisioningState` read-only, and every `provisioningState` that
 * `$ref`s it is a value Azure computes. The rule, one for every spec:
 *
 *   own        `readOnly: true` or `false` on the property schema decides
 *   $ref       else the target's `readOnly`, following `$ref` chains (an alias of an alias)
 *   allOf      else read-only when any `allOf` member is (`allOf: [{$ref: ReadOnlyEnum}]` is how a
 *              `$ref` with a description is often written)
 *
 * Each target is looked at once (memoized by file and pointer); cycles end as not read-only.
 */
import { isObject, type DocumentStore, type JsonValue } from './documents.js';
import { getAtPointer, parseRef } from './refs.js';

const MAX_HOPS = 32;

export class ReadOnlyRule {
  private readonly memo = new Map<string, boolean>();

  constructor(private readonly store: DocumentStore) {}

  /** The property at `file` with this schema is read-only. */
  property(schema: JsonValue, file: string): boolean {
    return this.schema(schema, file, 0);
  }

  private schema(schema: JsonValue | undefined, file: string, hops: number): boolean {
    if (!isObject(schema) || hops > MAX_HOPS) return false;
    if (typeof schema.readOnly === 'boolean') return schema.readOnly;
    if (typeof schema.$ref === 'string' && this.target(schema.$ref, file, hops)) return true;
    return Array.isArray(schema.allOf) && schema.allOf.some((member) => this.schema(member, file, hops + 1));
  }

  private target(ref: string, file: string, hops: number): boolean {
    const target = parseRef(ref, file);
    if (!target) return false;
    const key = `${target.file}#${target.pointer}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.memo.set(key, false); // a cycle of $refs ends here
    const value = this.schema(getAtPointer(this.store.get(target.file), target.pointer), target.file, hops + 1);
    this.memo.set(key, value);
    return value;
  }
}

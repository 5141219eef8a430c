/** Spec bytes as the loader sees them: parsed as UTF-8 JSON (one leading BOM ignored), or not. */
import type { Json } from './json-tree.js';

/** Parses spec bytes the way the loader does (UTF-8, one leading BOM ignored); undefined when invalid. */
export function parseSpec(bytes: Buffer): Json | undefined {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Json;
  } catch {
    return undefined;
  }
}

/** The bytes still parse as JSON and are valid UTF-8: the loader would not notice the change by itself. */
export function stillValid(bytes: Buffer): boolean {
  return parseSpec(bytes) !== undefined && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

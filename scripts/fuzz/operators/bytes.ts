/**
 * Byte mutations: truncated or emptied files (owing `invalid-json`), a BOM, invalid UTF-8 bytes
 * (owing `invalid-utf8`).
 */
import { INVALID_UTF8 } from '../payloads.js';
import { stillValid } from '../spec-bytes.js';
import type { ByteOperator } from './operator.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** What the loader reports for bytes that are not a JSON document in UTF-8. */
const BROKEN_BYTES: readonly string[] = ['invalid-json', 'invalid-utf8'];

function lastNonWhitespace(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i--;
  return i;
}

export const truncate: ByteOperator = (rng, bytes) => {
  const end = lastNonWhitespace(bytes);
  if (end < 1) return undefined;
  const cut = rng.int(0, end - 1);
  const out = bytes.subarray(0, cut);
  return { bytes: Buffer.from(out), detail: `cut at byte ${cut} of ${bytes.length}`, expect: stillValid(out) ? undefined : BROKEN_BYTES };
};

export const emptyFile: ByteOperator = () => ({ bytes: Buffer.alloc(0), detail: 'emptied', expect: ['invalid-json'] });

export const bom: ByteOperator = (rng, bytes) => {
  const at = rng.chance(0.5) ? 0 : rng.int(0, bytes.length);
  const out = Buffer.concat([bytes.subarray(0, at), BOM, bytes.subarray(at)]);
  return { bytes: out, detail: `BOM inserted at byte ${at}`, expect: stillValid(out) ? undefined : BROKEN_BYTES };
};

export const invalidUtf8: ByteOperator = (rng, bytes) => {
  const seq = rng.pick(INVALID_UTF8);
  const at = rng.int(0, bytes.length);
  const out = Buffer.concat([bytes.subarray(0, at), Buffer.from(seq), bytes.subarray(at)]);
  return { bytes: out, detail: `bytes ${seq.map((b) => b.toString(16)).join(' ')} inserted at byte ${at}`, expect: ['invalid-utf8'] };
};

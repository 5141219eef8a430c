/**
 * The values of a Kubernetes Secret's `data`: standard base64 (RFC 4648, `+` and `/`, padded), as
 * the API server decodes them (Go's `base64.StdEncoding`, which skips line breaks). A value that is
 * not strictly such base64, or whose bytes are not UTF-8 text, is refused with the reason: an ARM
 * property takes a string, and a password with a replaced character (U+FFFD) is a wrong password.
 */

export type SecretDataResult = { ok: true; value: string } | { ok: false; reason: string };

// The runtime compiles without the DOM or Node typings (generated code's contract), so the two
// standard globals it uses are typed here; both exist in Node.js 16+ and every browser.
const { atob, TextDecoder } = globalThis as unknown as {
  atob(data: string): string;
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => { decode(bytes: Uint8Array): string };
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes one `data` value of a Secret to text. Never throws. */
export function decodeSecretData(encoded: string): SecretDataResult {
  if (typeof encoded !== 'string') return { ok: false, reason: `is not a string but ${encoded === null ? 'null' : typeof encoded}` };
  const text = encoded.replace(/\r?\n/g, '');
  if (!BASE64.test(text)) return { ok: false, reason: base64Problem(text) };
  const bytes = Uint8Array.from(atob(text), (c: string) => c.charCodeAt(0));
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `decodes to ${bytes.length} bytes that are not UTF-8 text (the sequence at byte offset ${firstInvalidUtf8(bytes)} is not valid UTF-8)` };
  }
}

/** Why `text` (line breaks removed) is not padded standard base64. */
function base64Problem(text: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) {
    const c = bad[0];
    const hint = c === '-' || c === '_' ? ' (the URL-safe alphabet; Secrets use + and /)' : /\s/.test(c) ? ' (white space)' : '';
    return `is not base64: ${JSON.stringify(c)} at character ${bad.index + 1} is not in the base64 alphabet${hint}`;
  }
  const padding = text.indexOf('=');
  if (padding >= 0 && !/^=+$/.test(text.slice(padding))) return `is not base64: "=" at character ${padding + 1} is not at the end`;
  if (text.length % 4 !== 0) return `is not base64: its length ${text.length} is not a multiple of 4 (unpadded? add "=" to the end)`;
  return 'is not base64: too much padding';
}

/** The offset of the first byte of `bytes` where the UTF-8 encoding goes wrong (a stray, overlong, surrogate or truncated sequence). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1) {
      // The second byte's range excludes overlong forms, surrogates and code points over U+10FFFF.
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      for (let k = 1; k < length; k++) {
        const c = bytes[i + k];
        if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
      }
    }
    i += length;
  }
  return i;
}

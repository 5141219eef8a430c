/** Secret `data` values: strict, padded standard base64 of UTF-8 text, or a reason. */
import { describe, expect, it } from 'vitest';
import { decodeSecretData } from '../../../generator/runtime/index.js';

const b64 = (bytes: number[] | string) => Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Uint8Array.from(bytes)).toString('base64');

describe('decodeSecretData', () => {
  it('decodes padded standard base64 of UTF-8 text, also over several lines, keeping every character', () => {
    for (const text of ['', 'p', 'pa', 'pas', 'p@ss w0rd!', 'mot de passe é€😀', '\u{feff}bom kept', 'a+b/c==']) {
      expect(decodeSecretData(b64(text))).toEqual({ ok: true, value: text });
    }
    const long = 'x'.repeat(100);
    const wrapped = b64(long).replace(/(.{76})/g, '$1\n');
    expect(wrapped).toContain('\n');
    expect(decodeSecretData(wrapped)).toEqual({ ok: true, value: long });
    expect(decodeSecretData(b64(long).replace(/(.{76})/g, '$1\r\n'))).toEqual({ ok: true, value: long });
  });

  it('refuses unpadded base64, saying to pad it', () => {
    expect(b64('pa')).toBe('cGE=');
    expect(decodeSecretData('cGE')).toEqual({ ok: false, reason: 'is not base64: its length 3 is not a multiple of 4 (unpadded? add "=" to the end)' });
    expect(decodeSecretData('cA')).toMatchObject({ ok: false, reason: expect.stringContaining('unpadded') });
  });

  it('refuses characters outside the alphabet, the URL-safe alphabet, inner padding and white space other than line breaks', () => {
    expect(decodeSecretData('cGE*')).toEqual({ ok: false, reason: 'is not base64: "*" at character 4 is not in the base64 alphabet' });
    expect(decodeSecretData('-_-_')).toEqual({ ok: false, reason: 'is not base64: "-" at character 1 is not in the base64 alphabet (the URL-safe alphabet; Secrets use + and /)' });
    expect(decodeSecretData('cG=E')).toEqual({ ok: false, reason: 'is not base64: "=" at character 3 is not at the end' });
    expect(decodeSecretData('cGE= ')).toMatchObject({ ok: false, reason: expect.stringContaining('(white space)') });
    expect(decodeSecretData('cGFz\tc3dk')).toMatchObject({ ok: false });
    expect(decodeSecretData('c===')).toEqual({ ok: false, reason: 'is not base64: too much padding' });
  });

  it('refuses bytes that are not UTF-8 (never U+FFFD), naming where', () => {
    expect(decodeSecretData(b64([0x70, 0x61, 0xff, 0x73]))).toEqual({ ok: false, reason: 'decodes to 4 bytes that are not UTF-8 text (the sequence at byte offset 2 is not valid UTF-8)' });
    // A truncated sequence, an overlong encoding, a UTF-16 surrogate encoded in UTF-8.
    expect(decodeSecretData(b64([0x61, 0xc3]))).toMatchObject({ ok: false, reason: expect.stringContaining('byte offset 1') });
    expect(decodeSecretData(b64([0xc0, 0xaf]))).toMatchObject({ ok: false, reason: expect.stringContaining('byte offset 0') });
    expect(decodeSecretData(b64([0x61, 0x62, 0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, reason: expect.stringContaining('byte offset 2') });
    // Valid multi-byte text right before the bad byte is skipped correctly.
    expect(decodeSecretData(b64([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x80]))).toMatchObject({ ok: false, reason: expect.stringContaining('byte offset 9') });
  });
});

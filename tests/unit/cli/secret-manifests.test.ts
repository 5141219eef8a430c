/** render's reading of Secret manifests: every bad value refused with the Secret name and key, nothing decoded loosely. */
import { describe, expect, it } from 'vitest';
import { secretValues } from '../../../generator/cli/secret-manifests.js';

const secret = (name: string, fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields });

describe('secretValues', () => {
  it('reads data (base64) and stringData, stringData winning as in Kubernetes', () => {
    const into = new Map<string, string>();
    const problems = secretValues('s.yaml', [{ number: 1, value: secret('db', { data: { password: Buffer.from('pässword').toString('base64'), user: 'YWRtaW4=' }, stringData: { user: 'root' } }) }], into);
    expect(problems).toEqual([]);
    expect(into).toEqual(new Map([['db/password', 'pässword'], ['db/user', 'root']]));
  });

  it('refuses unpadded base64, bytes that are not UTF-8 and lone surrogates, naming the Secret, the key and where', () => {
    const into = new Map<string, string>();
    const problems = secretValues(
      's.yaml',
      [{ number: 2, value: secret('db', { data: { short: 'cGE', binary: Buffer.from([0xff, 0xfe]).toString('base64'), good: 'b2s=' }, stringData: { 'a/b': '\ud800', n: 5 } }) }],
      into,
    );
    expect(problems.map((p) => [p.code, p.message, p.location?.pointer])).toEqual([
      ['invalid-secret', 'document 2: data.short of the Secret db is not base64: its length 3 is not a multiple of 4 (unpadded? add "=" to the end)', '/data/short'],
      ['invalid-secret', 'document 2: data.binary of the Secret db decodes to 2 bytes that are not UTF-8 text (the sequence at byte offset 0 is not valid UTF-8)', '/data/binary'],
      ['invalid-secret', 'document 2: stringData.a/b of the Secret db holds a lone UTF-16 surrogate, which is not text', '/stringData/a~1b'],
      ['invalid-secret', 'document 2: stringData.n of the Secret db is not a string (got number)', '/stringData/n'],
    ]);
    // Nothing of a refused value is kept, and no U+FFFD anywhere.
    expect(into).toEqual(new Map([['db/good', 'ok']]));
  });
});

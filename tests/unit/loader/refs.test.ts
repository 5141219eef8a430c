/** `generator/loader/refs.ts`: `$ref` strings → file + JSON pointer, pointer segments (RFC 6901 escapes, percent-encoding), lookups. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionName, getAtPointer, parseRef, pointerSegments } from '../../../generator/loader/refs.js';
import type { JsonValue } from '../../../generator/loader/documents.js';

const from = path.resolve('/specs/specification/svc/resource-manager/Contoso.Svc/stable/2021-01-01/main.json');
const dir = path.dirname(from);

describe('parseRef', () => {
  it.each([
    ['#/definitions/Foo', from, '/definitions/Foo'],
    ['#/parameters/Body', from, '/parameters/Body'],
    ['other.json#/definitions/Bar', path.join(dir, 'other.json'), '/definitions/Bar'],
    ['./sub/other.json#/definitions/Bar', path.join(dir, 'sub/other.json'), '/definitions/Bar'],
    ['../../common/v1/definitions.json#/definitions/Tagged', path.resolve(dir, '../../common/v1/definitions.json'), '/definitions/Tagged'],
    [
      '../../../../../common-types/resource-management/v2/types.json#/definitions/TrackedResource',
      path.resolve('/specs/specification/common-types/resource-management/v2/types.json'),
      '/definitions/TrackedResource',
    ],
    ['./whole.json', path.join(dir, 'whole.json'), ''],
    ['my%20file.json#/definitions/A', path.join(dir, 'my file.json'), '/definitions/A'],
    // the pointer is kept as written; pointerSegments decodes it
    ['#/definitions/with%20space', from, '/definitions/with%20space'],
    ['#/definitions/a~1b', from, '/definitions/a~1b'],
  ])('%s', (ref, file, pointer) => {
    expect(parseRef(ref, from)).toEqual({ file, pointer });
  });

  it('returns undefined for remote refs', () => {
    expect(parseRef('https://example.com/types.json#/definitions/A', from)).toBeUndefined();
    expect(parseRef('http://example.com/types.json', from)).toBeUndefined();
  });

  it('resolves the same relative file part against the folder of each referring file', () => {
    const other = path.resolve('/specs/specification/other/resource-manager/Contoso.Other/preview/2020-01-01/x.json');
    expect(parseRef('./common.json#/definitions/A', from)!.file).toBe(path.join(dir, 'common.json'));
    expect(parseRef('./common.json#/definitions/A', other)!.file).toBe(path.join(path.dirname(other), 'common.json'));
  });
});

describe('pointerSegments', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/definitions/Foo', ['definitions', 'Foo']],
    ['/definitions/a~1b', ['definitions', 'a/b']],
    ['/definitions/c~0d', ['definitions', 'c~d']],
    // `~01` is `~1` (a tilde then a one), not a slash: `~1` is unescaped before `~0`
    ['/definitions/~01', ['definitions', '~1']],
    ['/definitions/with%20space', ['definitions', 'with space']],
    // percent-decoding comes first (URI fragment), then the `~` escapes
    ['/definitions/a%7E1b', ['definitions', 'a/b']],
    ['/paths/~1subscriptions~1{subscriptionId}/put', ['paths', '/subscriptions/{subscriptionId}', 'put']],
    // an invalid percent-escape is kept as written
    ['/definitions/100%', ['definitions', '100%']],
    ['/list/0', ['list', '0']],
  ])('%j', (pointer, segments) => {
    expect(pointerSegments(pointer)).toEqual(segments);
  });
});

describe('getAtPointer', () => {
  const doc: JsonValue = {
    definitions: { 'a/b': { n: 1 }, 'c~d': { n: 2 }, 'with space': { n: 3 }, Plain: { n: 4 } },
    list: [10, 20],
    '': 'empty key',
  };

  it.each([
    ['/definitions/a~1b', { n: 1 }],
    ['/definitions/c~0d', { n: 2 }],
    ['/definitions/with%20space', { n: 3 }],
    ['/definitions/Plain/n', 4],
    ['/list/1', 20],
    ['/', 'empty key'],
  ])('%j', (pointer, value) => {
    expect(getAtPointer(doc, pointer)).toEqual(value);
  });

  it('returns the whole document for the empty pointer', () => {
    expect(getAtPointer(doc, '')).toBe(doc);
  });

  it.each([
    '/definitions/Missing',
    '/definitions/a/b', // an unescaped slash splits the name
    '/definitions/Plain/n/deeper', // through a number
    '/list/2',
    '/list/x',
    '/definitions/toString', // inherited members are not members
    '/definitions/__proto__',
  ])('%j is undefined', (pointer) => {
    expect(getAtPointer(doc, pointer)).toBeUndefined();
  });

  it('returns undefined on an undefined document', () => {
    expect(getAtPointer(undefined, '/definitions/A')).toBeUndefined();
  });
});

describe('definitionName', () => {
  it.each([
    ['/definitions/Foo', 'Foo'],
    ['/definitions/a~1b', 'a/b'],
    ['/definitions/c~0d', 'c~d'],
    ['/definitions/with%20space', 'with space'],
    ['/definitions/Foo/properties/bar', undefined],
    ['/parameters/Foo', undefined],
    ['', undefined],
  ])('%j → %j', (pointer, name) => {
    expect(definitionName(pointer)).toBe(name);
  });
});

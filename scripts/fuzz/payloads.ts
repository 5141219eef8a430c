/**
 * The raw material of mutations: huge strings shaped to trouble regexes, JSON text nested
 * 10,000 levels deep, weird keys for paths, definitions and properties, and invalid UTF-8.
 */
import type { Rng } from './prng.js';

export const DEEP_LEVELS = 10_000;

const MB = 1024 * 1024;

/**
 * A string of 1–5 MB (names: 64 KB–1 MB, since a name is repeated all over the output), in one
 * of a few shapes that make careless regexes slow.
 */
export function hugeString(rng: Rng, use: 'text' | 'name' = 'text'): { text: string; shape: string } {
  const size = use === 'text' ? rng.int(1, 5) * MB : rng.int(1, 16) * 64 * 1024;
  const shapes: [string, () => string][] = [
    ['words', () => 'lorem ipsum dolor sit amet, consectetur adipiscing elit. '],
    ['one-letter', () => 'a'],
    ['spaces-then-x', () => ' '],
    ['newlines', () => '\n'],
    ['backslashes', () => '\\'],
    ['comment-ends', () => '*/ '],
    ['braces', () => '{'],
    ['camel-run', () => 'AbC'],
    ['upper-run', () => 'A'],
    ['digits', () => '9'],
    ['dots', () => '.'],
    ['unicode', () => 'ü名前😀'],
  ];
  const [shape, unit] = rng.pick(shapes);
  const piece = unit();
  let text = piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
  if (shape === 'spaces-then-x') text += 'x';
  return { text, shape };
}

/** A schema nested `levels` deep through `properties`, `items`, `allOf` or `additionalProperties`, as JSON text. */
export function deepSchemaText(via: 'properties' | 'items' | 'allOf' | 'additionalProperties', levels = DEEP_LEVELS): string {
  const leaf = '{"type":"string"}';
  const [open, close] =
    via === 'properties' ? ['{"type":"object","properties":{"p":', '}}']
    : via === 'items' ? ['{"type":"array","items":', '}']
    : via === 'allOf' ? ['{"allOf":[', ']}']
    : ['{"type":"object","additionalProperties":', '}'];
  return open.repeat(levels) + leaf + close.repeat(levels);
}

/** A JSON value nested `levels` deep: arrays (`[[[...]]]`) or objects (`{"a":{"a":...}}`). */
export function deepValueText(kind: 'arrays' | 'objects', levels = DEEP_LEVELS): string {
  return kind === 'arrays' ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** Keys that trip naive code: prototype names, empty, pointer and URL syntax, non-ASCII, control, long. */
export const WEIRD_NAMES: readonly string[] = [
  '', ' ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '$ref',
  'a/b', 'a~1b', '~', '%', '%2F', '#', '{', '}', '{}', '..', '.', 'ü名前', '😀', '\u0000', '\n', 'null', '0', '-1',
  'NaN', 'properties', 'status', 'spec', 'metadata', 'apiVersion', 'kind', 'default', 'class', 'x'.repeat(10_000),
];

/** Weird URL templates for a `paths` key, some derived from a real one. */
export function weirdPathKey(rng: Rng, real: string): string {
  const variants = [
    '', '/', '//', '{}', '{', real + '/', real + '//', real.replace(/\/providers\//, '/providers/../'),
    real.replace(/\/([^/{]+)\/\{/, '/$1/../../{'), real.replace(/\//g, '%2F'), real.replace(/\{/, '{{'), real.replace(/\}/, ''),
    real + '/{extra}{more}', real + '?api-version=2020-01-01', real.toUpperCase(), real + '/' + rng.pick(WEIRD_NAMES) + '/{name}',
    '/subscriptions/{subscriptionId}/providers/' + rng.pick(WEIRD_NAMES) + '/' + rng.pick(WEIRD_NAMES) + '/{name}',
    '/providers/Fuzz.Space/__proto__/{name}', '/providers/Fuzz.Space/constructor/{constructor}',
    real + '/' + 'segment/'.repeat(500) + '{name}', real.replace(/\{[^}]*\}/g, '{ü名前}'),
  ];
  return rng.pick(variants);
}

/** Byte sequences that are not valid UTF-8. */
export const INVALID_UTF8: readonly (readonly number[])[] = [[0xff], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xf0, 0x9f], [0xed, 0xa0, 0x80], [0xfe, 0xfe]];

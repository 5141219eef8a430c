/**
 * Each stage file's header says where the stage runs ("Runs after `x` ... and before `y`"); the
 * stage declares the same (`requires` and `runsAfter` for after, `runsBefore` for before). Every
 * sentence of the header with "after", "before", "follow(s)" or "precede(s)" counts: each
 * backticked stage id in it takes the direction of the nearest such word before it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../generator/pipeline/stage.js';
import { targets } from '../../../generator/targets/index.js';
import { repoRoot } from '../../helpers.js';

const stages = new Map<string, Stage>(Object.values(targets).flatMap((t) => t.stages.map((s) => [s.id, s] as const)));

/** The first comment of a file, its `*` margins removed, as one line. */
function header(file: string): string {
  const text = readFileSync(file, 'utf8');
  const match = /^\/\*\*([\s\S]*?)\*\//.exec(text);
  if (!match) throw new Error(`${file} has no header comment`);
  return match[1].split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).join(' ');
}

/** The stage ids the header puts before (`after`) and after (`before`) the stage `self`. */
export function orderClaims(text: string, self: string, known: ReadonlySet<string>): { after: string[]; before: string[] } {
  const claims = { after: new Set<string>(), before: new Set<string>() };
  for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z`])/)) {
    let direction: 'after' | 'before' | undefined;
    for (const m of sentence.matchAll(/`([^`]+)`|\b(after|before|follows?|precedes?)\b/gi)) {
      if (m[2]) direction = /^(after|follows?)$/i.test(m[2]) ? 'after' : 'before';
      else if (direction && m[1] !== self && known.has(m[1])) claims[direction].add(m[1]);
    }
  }
  return { after: [...claims.after].sort(), before: [...claims.before].sort() };
}

describe('stage headers', () => {
  it('reads direction words and backticked ids of one sentence at a time', () => {
    const known = new Set(['a', 'b', 'c', 'd']);
    expect(orderClaims('Runs after `a` (why) and `b`, and before `c`. `d` is mentioned. It must follow `d`.', 'x', known)).toEqual({ after: ['a', 'b', 'd'], before: ['c'] });
    expect(orderClaims('It runs first; `a` needs it.', 'x', known)).toEqual({ after: [], before: [] });
  });

  for (const stage of stages.values()) {
    it(`${stage.id}: the header and the declarations say the same order`, () => {
      const file = path.join(repoRoot, 'generator', 'pipeline', `${stage.id}.ts`);
      const claims = orderClaims(header(file), stage.id, new Set(stages.keys()));
      const declared = {
        after: [...new Set([...(stage.requires ?? []), ...(stage.runsAfter ?? [])])].sort(),
        before: [...(stage.runsBefore ?? [])].sort(),
      };
      expect(claims).toEqual(declared);
    });
  }
});

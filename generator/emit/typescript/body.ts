/**
 * Function bodies given as lines. ts-morph takes a body as a writer function; the lines are kept
 * beside it so that `statement-text.ts` can print the function without running a writer.
 */
import type { WriterFunction } from 'ts-morph';

const bodies = new WeakMap<WriterFunction, readonly string[]>();

/** A writer function that writes `lines`, one per line. */
export function bodyOf(lines: readonly string[]): WriterFunction {
  const write: WriterFunction = (writer) => {
    for (const line of lines) writer.writeLine(line);
  };
  bodies.set(write, lines);
  return write;
}

/** The lines of a body made by `bodyOf`; undefined for anything else. */
export function linesOf(body: unknown): readonly string[] | undefined {
  return typeof body === 'function' ? bodies.get(body as WriterFunction) : undefined;
}

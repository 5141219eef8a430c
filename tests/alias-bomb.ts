/** The "billion laughs": `levels` anchors, each a list of `width` aliases of the one before (width^levels values as a tree). */
export function aliasBomb(levels: number, width: number): string {
  let text = `a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i <= levels; i++) text += `a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

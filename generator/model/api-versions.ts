/**
 * ARM api-versions (`2021-04-01`, `2021-04-01-preview`): which are stable and how they order. A
 * general rule of the model, used by the loader (latest versions), `select`, `storage-version`,
 * the CRD emitter and the output reader.
 */
const DATED = /^(\d{4}-\d{2}-\d{2})(?:-(.*))?$/;

/** `2021-04-01` and not `2021-04-01-preview`, `2021-04-01-beta`. */
export function isStable(apiVersion: string): boolean {
  return parts(apiVersion).suffix === '';
}

/** Orders api-versions by date, then previews before the stable version of the same date. */
export function compareApiVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  if (x.suffix !== y.suffix) {
    if (x.suffix === '') return 1;
    if (y.suffix === '') return -1;
    return x.suffix < y.suffix ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function parts(apiVersion: string): { date: string; suffix: string } {
  const m = DATED.exec(apiVersion.toLowerCase());
  if (m) return { date: m[1], suffix: m[2] ?? '' };
  const dash = apiVersion.indexOf('-');
  return dash < 0 ? { date: apiVersion, suffix: '' } : { date: apiVersion.slice(0, dash), suffix: apiVersion.slice(dash + 1).toLowerCase() };
}

/**
 * Word-level naming helpers shared by the naming stages: splitting identifiers into words,
 * PascalCase / camelCase, and English singular forms of ARM type segments.
 */

/** Splits `virtualNetworks`, `IPConfigurations`, `vnet_subnet-id` into words, keeping acronyms whole. */
export function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // The last capital of a run starts the next word (`IPConfig` → `IP Config`); a lookahead keeps this linear.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export function pascalCase(identifier: string): string {
  return words(identifier)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * Kubernetes-style camelCase: the first word lower-cased whole (`IPAddress` → `ipAddress`,
 * `VNetName` → `vNetName`), the others kept as written with a capital first letter.
 */
export function camelCase(identifier: string): string {
  const parts = words(identifier);
  if (parts.length === 0) return identifier;
  const [first, ...rest] = parts;
  return first.toLowerCase() + rest.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const IRREGULAR: Record<string, string> = {
  indexes: 'index',
  indices: 'index',
  aliases: 'alias',
  statuses: 'status',
  caches: 'cache',
  analyses: 'analysis',
  people: 'person',
  children: 'child',
  data: 'data',
  metadata: 'metadata',
  series: 'series',
  species: 'species',
  redis: 'redis',
  apis: 'api',
  cosmos: 'cosmos',
  kudos: 'kudos',
};

/** English singular of one word (`policies` → `policy`, `addresses` → `address`, `redis` → `redis`). */
export function singularWord(word: string): string {
  const lower = word.toLowerCase();
  // Own keys only: `constructor` or `toString` (ARM type segments in bad specs) are not irregular plurals.
  const irregular = Object.hasOwn(IRREGULAR, lower) ? IRREGULAR[lower] : undefined;
  if (irregular !== undefined) return matchCase(word, irregular);
  const keep = (n: number, suffix = '') => word.slice(0, word.length - n) + suffix;
  if (/[^aeiou]ies$/i.test(word)) return keep(3, word.endsWith('IES') ? 'Y' : 'y');
  if (/(ss|x|z|ch|sh)es$/i.test(word)) return keep(2);
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/s$/i.test(word) && word.length > 2) return keep(1);
  return word;
}

/** Singular of an identifier: only its last word changes (`virtualNetworks` → `virtualNetwork`). */
export function singular(identifier: string): string {
  // `publicIPs`: an acronym with a plural `s` is one word.
  const match = /([A-Z]{2,}s|[A-Z]?[a-z0-9]+|[A-Z0-9]+)$/.exec(identifier);
  if (!match) return identifier;
  return identifier.slice(0, match.index) + singularWord(match[1]);
}

function matchCase(like: string, word: string): string {
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/**
 * Does a string property hold an ARM resource ID? The evidence, strongest first:
 *
 *   format      `format: arm-id` (TypeSpec and newer specs); `arm-id-details` when
 *               `x-ms-arm-id-details.allowedResources` also names the target types
 *   name        the name says so: `resourceId`, `fooResourceId`, or `<noun>Id` where the noun is
 *               an ARM resource type of the corpus (`subnetId`, `vnetSubnetID`, `keyVaultId`)
 *   description the description says so ("resource ID", "ARM ID", `/subscriptions/...`)
 *
 * Identifiers that are GUIDs (`tenantId`, `principalId`, `subscriptionId`, `format: uuid`, a
 * description saying GUID) never are. Properties that end in `Id` with only weak evidence are
 * returned as `ambiguous`, to be listed for a human (and settled with a config override).
 */
import type { PrimitiveType } from '../model/types.js';
import { singularWord, words } from '../naming/words.js';

export type Detection =
  | { reference: true; detectedBy: string; allowedTypes?: string[] }
  | { reference: false; ambiguous?: string };

/** Last words of a stem that name GUIDs, opaque keys or non-ARM identifiers, never ARM IDs. */
const NOT_ARM = new Set([
  'tenant', 'principal', 'subscription', 'client', 'object', 'application', 'app', 'correlation', 'request',
  'activity', 'operation', 'tracking', 'session', 'user', 'unique', 'instance', 'meter', 'offer', 'sku', 'plan',
  'product', 'device', 'node', 'key', 'secret', 'certificate', 'version', 'run', 'task', 'job', 'group', 'rule',
  'member', 'partner', 'customer', 'order', 'invoice', 'billing', 'event', 'message', 'etag', 'revision', 'vm',
  'vlan', 'process', 'report', 'entity', 'account', 'tag', 'thumbprint', 'trace', 'transaction', 'immutable',
  'external', 'serial', 'batch', 'lock', 'page', 'item', 'record', 'sequence', 'commit', 'build', 'release',
  'purchase', 'payment', 'role', 'policy', 'assignment', 'definition', 'network',
]);

/** Nouns used for resources in property names but not ARM type segments. */
const ALIASES = ['vnet', 'nic', 'nsg', 'pip', 'vmss', 'asg', 'udr'];

const DESCRIBES_ARM_ID =
  /\b(arm|azure)\s+(resource\s+)?id\b|\bresource\s*(id|identifier|uri)\b|\/subscriptions\/\{?[a-z]|\bfully[- ]qualified\s+(resource\s+)?id|\bid of the [a-z ]{1,40}resource\b/i;
const DESCRIBES_GUID = /\bguid\b|\buuid\b|\bobject id\b|\bclient id\b|\btenant id\b|\bprincipal id\b/i;

/** Builds the set of resource nouns from ARM types: every segment, singular and lower-cased. */
export function resourceNouns(armTypes: Iterable<string>): Set<string> {
  const nouns = new Set<string>(ALIASES);
  for (const armType of armTypes) {
    for (const segment of armType.split('/').slice(1)) nouns.add(singularWord(segment).toLowerCase());
  }
  return nouns;
}

/** The stem of an ID-ish name: `vnetSubnetID` → `vnetSubnet`, `fooIds` → `foo`; undefined when not ID-ish. */
export function idStem(name: string): { stem: string; plural: boolean } | undefined {
  const match = /^(.*?)(Id|ID)(s?)$/.exec(name);
  if (!match || match[1] === '' || !/[a-z0-9]$/i.test(match[1])) return undefined;
  return { stem: match[1], plural: match[3] === 's' };
}

/** A GUID by its format or its description: never an ARM ID. */
export function isGuid(type: PrimitiveType, description: string | undefined): boolean {
  return type.format === 'uuid' || DESCRIBES_GUID.test(description ?? '');
}

export function detectArmId(
  name: string,
  type: PrimitiveType,
  description: string | undefined,
  nouns: ReadonlySet<string>,
): Detection {
  if (type.primitive !== 'string') return { reference: false };
  if (type.format === 'arm-id') {
    return type.allowedResourceTypes?.length
      ? { reference: true, detectedBy: 'arm-id-details', allowedTypes: type.allowedResourceTypes }
      : { reference: true, detectedBy: 'format' };
  }
  if (isGuid(type, description)) return { reference: false };
  const text = description ?? '';
  const id = idStem(name);
  const described = DESCRIBES_ARM_ID.test(text);
  if (!id) return { reference: false };
  const stemWords = words(id.stem).map((w) => w.toLowerCase());
  const last = stemWords[stemWords.length - 1];
  // `networkSecurityGroupId`: a non-ARM last word (`group`) is fine inside a longer resource noun.
  if (last !== 'resource' && NOT_ARM.has(last) && !suffixIsNoun(stemWords, nouns, 2)) {
    return described ? { reference: false, ambiguous: `${name}: the name suggests a non-ARM identifier but the description calls it a resource ID` } : { reference: false };
  }
  const named = last === 'resource' || suffixIsNoun(stemWords, nouns);
  if (named && described) return { reference: true, detectedBy: 'name+description' };
  if (named) return { reference: true, detectedBy: 'name' };
  if (described) return { reference: true, detectedBy: 'description' };
  if (/resource/i.test(text)) return { reference: false, ambiguous: `${name}: an ID whose description mentions a resource without calling it a resource ID` };
  return { reference: false };
}

function suffixIsNoun(stemWords: string[], nouns: ReadonlySet<string>, fromWords = 1): boolean {
  for (let k = fromWords; k <= Math.min(3, stemWords.length); k++) {
    if (nouns.has(stemWords.slice(-k).join(''))) return true;
  }
  return false;
}

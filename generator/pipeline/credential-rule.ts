/**
 * The credential rule: which properties hold a credential although the Swagger does not mark
 * them (`x-ms-secret`, `format: password`). Stated once, here; the `secrets` stage applies it
 * (spec: a secret reference; status: removed) and the tests check the corpus against it.
 *
 * A property is a credential when its ARM name's last words are one of
 *
 *   password, passwords                 `password`, `adminPassword`, `administratorLoginPassword`
 *   secret, secrets                     `secret`, `clientSecret`, `serverAppSecret`
 *   <qualifier> key(s)                  `primaryKey`, `secondaryKey`, `accessKey`, `storageAccessKey`,
 *                                       `accountKey`, `sharedKey`, `primaryMasterKey`, `sharedAccessKey`
 *   connection string(s)                `connectionString`, `storageConnectionString`
 *
 * and its value is text: a string (or a list or map of strings) that is not an enum, with no
 * `format` other than `byte` or `password`. Not credentials, by construction:
 *
 *   - names whose last word is something else: `passwordAuthenticationDisabled`, `keyName`,
 *     `keyVaultUri`, `keySource`, `keyType`, `keyId`, `secretName`, `secretUrl`,
 *     `primaryKeyId`, `passwordProfile`;
 *   - a bare `key` or a `key` with another qualifier (`key` of a key-value pair, `publicKey`,
 *     `partitionKey`, `sortKey`, `customerManagedKey`, `encryptionKey` (a Key Vault key name)):
 *     only the qualifiers below make a key a credential;
 *   - booleans, numbers, enums, objects, arrays of objects (`passwordCredentials`), free-form
 *     values, and strings of another format (`uuid`, `date-time`, `uri`, `arm-id`).
 */
import type { ApiPackage, Property, Type } from '../model/types.js';
import { resolve } from '../model/walk.js';
import { words } from '../naming/words.js';

/** Words before `key` that make it a credential (`primaryKey`, `storageAccessKey`). */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(['primary', 'secondary', 'access', 'account', 'shared', 'master']);

/** Formats a credential string may have. */
const TEXT_FORMATS: ReadonlySet<string> = new Set(['byte', 'password']);

/** Whether an ARM property name names a credential (the name part of the rule). */
export function isCredentialName(armName: string): boolean {
  const w = words(armName).map((x) => x.toLowerCase());
  const last = w[w.length - 1];
  const before = w[w.length - 2];
  if (last === 'password' || last === 'passwords' || last === 'secret' || last === 'secrets') return true;
  if ((last === 'key' || last === 'keys') && before !== undefined && KEY_QUALIFIERS.has(before)) return true;
  return (last === 'string' || last === 'strings') && before === 'connection';
}

/** Whether a type holds text a credential can be: a string (or list or map of them), not an enum, of no format but `byte`/`password`. */
export function isCredentialText(pkg: ApiPackage, t: Type, depth = 0): boolean {
  const r = resolve(pkg, t);
  if (!r || depth > 8) return false;
  if (r.kind === 'array') return isCredentialText(pkg, r.items, depth + 1);
  if (r.kind === 'map') return isCredentialText(pkg, r.values, depth + 1);
  if (r.kind === 'secretRef') return true;
  return r.kind === 'primitive' && r.primitive === 'string' && (r.format === undefined || TEXT_FORMATS.has(r.format.toLowerCase()));
}

/** The rule: a property named like a credential whose value is text. */
export function isCredential(pkg: ApiPackage, p: Property): boolean {
  return isCredentialName(p.armName) && isCredentialText(pkg, p.type);
}

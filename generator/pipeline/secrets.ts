/**
 * secrets: values users must not write in plain text become references to a Kubernetes Secret.
 *
 * In spec types, a string property marked `x-ms-secret: true`, or of `format: password` (also
 * through a named alias), or a credential by the credential rule (credential-rule.ts:
 * `adminPassword`, `primaryKey`, `connectionString` ... that the Swagger does not mark), or
 * forced by a config override `secret: true`, becomes a `secretRef` (arrays and maps of such
 * strings become arrays and maps of `secretRef`), annotated with the reason:
 * `{ secret: 'x-ms-secret' | 'format' | 'name' | 'config' }`. An override `secret: false` wins
 * over the spec and the rule. A secret `arm-references` took for an ARM ID gets its name back
 * (`keyReference` → `keyId`); one that is not a string (an object, free-form) is reported
 * (`secret-not-string`) and left as it is. In status types the same properties are removed, so
 * a GET that returns one (Redis `accessKeys`) never lands it in the Kubernetes object; their ARM
 * keys are listed in the object's `withheldKeys`, so that the pass-through of extra keys of an
 * object with `additionalProperties` does not copy them either. Properties that look like
 * secrets by name and description only are reported as `secret-candidate` and left alone.
 *
 * Runs after `spec-status` (secret references exist on the spec side only), after
 * `flatten-properties` (secrets sit under the `properties` envelope) and after `arm-references`, so
 * that a secret that looks like an ARM ID ends up a secret, not a reference.
 */
import type { ApiPackage, ObjectType, Property, Type } from '../model/types.js';
import { mapPackages, mapType, resolve } from '../model/walk.js';
import { isCredential } from './credential-rule.js';
import { filterSame, findOverride, mapKubernetesTypes, mapSame, oncePerSource } from './sides.js';
import type { Stage, StageContext } from './stage.js';

export type SecretReason = 'x-ms-secret' | 'format' | 'name' | 'config';

/**
 * The `secrets` stage: `x-ms-secret` and `format: password` properties of spec types become
 * Kubernetes secret references (`secretRef`) and leave the status.
 */
export const secretsStage: Stage = {
  id: 'secrets',
  description: 'x-ms-secret, format: password and credential-named properties become Kubernetes secret references in specs and leave the status',
  requires: ['spec-status'],
  runsAfter: ['flatten-properties', 'arm-references'],
  run: (model, context) => mapPackages(model, (pkg) => secretsOfPackage(pkg, context)),
};

function secretsOfPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const once = oncePerSource();
  /** A spec property, as a secret reference when it is a secret. */
  const inSpec = (typeName: string, p: Property): Property => {
    const reason = secretReason(pkg, typeName, p, context);
    if (!reason) {
      if (reason === undefined && isCandidate(pkg, p) && once('secret-candidate', p.source)) reportCandidate(typeName, p, context);
      return p;
    }
    if (p.type.kind === 'secretRef') return p;
    const type = secretRefOf(pkg, p.type);
    if (!type) {
      if (once('secret-not-string', p.source)) context.diagnostics.warning('secret-not-string', `${typeName}.${p.armName} is a secret (${reason}) but not a string; left as it is`, p.source);
      return p;
    }
    context.count('secrets');
    if (reason === 'name') context.count('secrets.byName');
    return asSecret(p, type, reason);
  };
  /** Whether a status property stays: secrets go. */
  const keepInStatus = (typeName: string, p: Property): boolean => {
    const reason = secretReason(pkg, typeName, p, context);
    if (!reason) return true;
    context.count('secrets.removedFromStatus');
    if (reason === 'name') context.count('secrets.byName.removedFromStatus');
    return false;
  };
  return mapKubernetesTypes(pkg, (def) => {
    const inObject = (node: ObjectType): ObjectType => {
      if (def.side === 'spec') {
        const properties = mapSame(node.properties, (p) => inSpec(def.name, p));
        return properties === node.properties ? node : { ...node, properties };
      }
      const properties = filterSame(node.properties, (p) => keepInStatus(def.name, p));
      if (properties === node.properties) return node;
      const kept = new Set(properties);
      const withheld = new Set(node.withheldKeys);
      for (const p of node.properties) if (!kept.has(p)) withheld.add(p.armPath?.[0] ?? p.armName);
      return { ...node, properties, withheldKeys: [...withheld] };
    };
    const type = mapType(def.type, (node) => (node.kind === 'object' ? inObject(node) : node));
    return type === def.type ? def : { ...def, type };
  });
}

/** Why a property is a secret; `false` when the config says it is not one, undefined when nothing says it is. */
function secretReason(pkg: ApiPackage, typeName: string, p: Property, context: StageContext): SecretReason | false | undefined {
  const forced = findOverride(context, pkg, typeName, p, 'secret');
  if (forced?.secret === false) return false;
  if (p.secret) return 'x-ms-secret';
  if (isPassword(pkg, p.type)) return 'format';
  if (isCredential(pkg, p)) return 'name';
  return forced?.secret ? 'config' : undefined;
}

/** A string of `format: password`, or an array or map of them, seen through named types. */
function isPassword(pkg: ApiPackage, t: Type): boolean {
  const r = resolve(pkg, t);
  if (r?.kind === 'array') return isPassword(pkg, r.items);
  if (r?.kind === 'map') return isPassword(pkg, r.values);
  return r?.kind === 'primitive' && r.primitive === 'string' && r.format?.toLowerCase() === 'password';
}

/** The secret reference version of a string-valued type (arrays and maps kept); undefined for anything else. */
function secretRefOf(pkg: ApiPackage, t: Type): Type | undefined {
  const r = resolve(pkg, t);
  if (!r) return undefined;
  if (r.kind === 'array') {
    const items = secretRefOf(pkg, r.items);
    return items && { ...r, items };
  }
  if (r.kind === 'map') {
    const values = secretRefOf(pkg, r.values);
    return values && { ...r, values };
  }
  if ((r.kind === 'primitive' && r.primitive === 'string') || r.kind === 'resourceRef' || r.kind === 'secretRef') return { kind: 'secretRef' };
  return undefined;
}

function asSecret(p: Property, type: Type, reason: SecretReason): Property {
  const { reference: _reference, ...annotations } = p.annotations ?? {};
  const { renamedFrom, ...rest } = p;
  const out: Property = { ...rest, type, annotations: { ...annotations, secret: reason } };
  // `arm-references` may have taken a secret for an ARM ID and renamed it (`keyId` → `keyReference`).
  if (p.type.kind === 'resourceRef' && renamedFrom) out.name = renamedFrom;
  else if (renamedFrom) out.renamedFrom = renamedFrom;
  return out;
}

/** `password`, `adminPassword`, `client_secret`, `accessKey` (but not `monkey` or `publicKey`). */
function hasSecretName(name: string): boolean {
  if (/public/i.test(name)) return false;
  return /^(?:password|secret|key)$/i.test(name) || /[a-z0-9](?:Password|Secret|Key)$/.test(name) || /[_-](?:password|secret|key)$/i.test(name);
}

const SECRET_WORDS = /\b(?:secrets?|passwords?|passphrase|credentials?|(?:access|account|shared|private|api|auth\w*|primary|secondary|storage|master|signing|symmetric|subscription|admin|instrumentation) keys?)\b/i;

/** A spec string property whose name and description say "secret" though the spec does not. */
export function isCandidate(pkg: ApiPackage, p: Property): boolean {
  if (!hasSecretName(p.armName) || !p.description || !SECRET_WORDS.test(p.description)) return false;
  const leaf = resolve(pkg, p.type);
  return leaf?.kind === 'primitive' && leaf.primitive === 'string' && (leaf.format === undefined || leaf.format === 'byte');
}

function reportCandidate(typeName: string, p: Property, context: StageContext): void {
  context.count('secrets.candidates');
  context.diagnostics.info(
    'secret-candidate',
    `${typeName}.${p.armName} looks like a secret (name and description) but has no x-ms-secret or format: password; it stays a plain string unless the config sets secret: true`,
    p.source,
  );
}

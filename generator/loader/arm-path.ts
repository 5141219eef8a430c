/**
 * ARM URL templates → resource identity: provider namespace, ARM type, scope, parent and the
 * name parameter (or fixed name, for singletons such as `blobServices/default`).
 */
import type { Scope } from '../model/types.js';

export interface ParsedArmPath {
  namespace: string;
  armType: string;
  scope: Scope;
  /** For extension resources: the scope the resource extends (`{resourceUri}`, or a parent ARM type); for location ones, the base scope. */
  scopeDetail?: string;
  parentArmType?: string;
  nameParameter?: string;
  fixedName?: string;
}

const isParam = (s: string) => s.startsWith('{') && s.endsWith('}');
const paramName = (s: string) => s.slice(1, -1);

/** Parses a PUT path; returns a reason string when the path is not a resource instance path. */
export function parseArmPath(rawPath: string): ParsedArmPath | string {
  const query = rawPath.indexOf('?');
  const segments = (query < 0 ? rawPath : rawPath.slice(0, query)).split('/').filter((s) => s.length > 0);
  let providers = -1;
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i].toLowerCase() === 'providers' && !isParam(segments[i + 1])) {
      providers = i;
      break;
    }
  }
  if (providers < 0) {
    if (segments.length === 4 && /^subscriptions$/i.test(segments[0]) && /^resourcegroups$/i.test(segments[2]) && isParam(segments[3])) {
      return { namespace: 'Microsoft.Resources', armType: 'Microsoft.Resources/resourceGroups', scope: 'subscription', nameParameter: paramName(segments[3]) };
    }
    return 'no /providers/<Namespace> segment';
  }
  const namespace = segments[providers + 1];
  const rest = segments.slice(providers + 2);
  if (rest.length === 0 || rest.length % 2 !== 0) return 'path does not end with a <type>/<name> pair';
  const types: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (isParam(rest[i])) return `resource type segment ${rest[i]} is a parameter`;
    types.push(rest[i]);
  }
  const last = rest[rest.length - 1];
  const prefix = segments.slice(0, providers);
  let scope = scopeOf(prefix);
  let scopeDetail: string | undefined;
  if (scope === 'extension') scopeDetail = extensionTarget(prefix);
  let typeStart = 0;
  if (types.length > 1 && types[0].toLowerCase() === 'locations' && (scope === 'subscription' || scope === 'resourceGroup')) {
    scopeDetail = scope;
    scope = 'location';
    typeStart = 1;
  }
  const parsed: ParsedArmPath = { namespace, armType: `${namespace}/${types.join('/')}`, scope };
  if (scopeDetail !== undefined) parsed.scopeDetail = scopeDetail;
  if (types.length - typeStart > 1) parsed.parentArmType = `${namespace}/${types.slice(0, -1).join('/')}`;
  if (isParam(last)) parsed.nameParameter = paramName(last);
  else parsed.fixedName = last;
  return parsed;
}

function scopeOf(prefix: string[]): Scope {
  const p = prefix.map((s) => (isParam(s) ? '{}' : s.toLowerCase()));
  const key = p.join('/');
  if (key === '') return 'tenant';
  if (key === 'subscriptions/{}') return 'subscription';
  if (key === 'subscriptions/{}/resourcegroups/{}') return 'resourceGroup';
  // The namespace is sometimes a parameter whose only value is Microsoft.Management (PolicyInsights).
  if (key === 'providers/microsoft.management/managementgroups/{}' || key === 'providers/{}/managementgroups/{}') return 'managementGroup';
  return 'extension';
}

function extensionTarget(prefix: string[]): string {
  if (prefix.length === 1 && isParam(prefix[0])) return prefix[0];
  const providers = prefix.findIndex((s) => s.toLowerCase() === 'providers');
  if (providers >= 0 && providers + 1 < prefix.length) {
    const ns = prefix[providers + 1];
    const types = prefix.slice(providers + 2).filter((_, i) => i % 2 === 0);
    if (types.length && types.every((t) => !isParam(t))) return `${ns}/${types.join('/')}`;
  }
  return '/' + prefix.join('/');
}

/** A human-readable rendering of a package, for `armkube model`. */
import type { ApiPackage, Property, Resource, Type } from './types.js';

const MAX_DEPTH = 4;

export function describeType(t: Type): string {
  switch (t.kind) {
    case 'primitive':
      return t.format ? `${t.primitive}(${t.format})` : t.primitive;
    case 'enum':
      return `enum${t.enumName ? ` ${t.enumName}` : ''}${t.open ? ' (open)' : ''} [${t.values.map((v) => JSON.stringify(v.value)).join(', ')}]`;
    case 'object':
      return 'object';
    case 'array':
      return `${describeType(t.items)}[]`;
    case 'map':
      return `map<string, ${describeType(t.values)}>`;
    case 'union':
      return `union on ${t.discriminator} (${t.variants.map((v) => v.value).join(' | ')})`;
    case 'ref':
      return t.name;
    case 'resourceRef':
      return `reference${t.allowedTypes ? ` to ${t.allowedTypes.join(' | ')}` : ''} (${t.detectedBy})`;
    case 'ownerRef':
      return `owner${t.kinds ? ` (${t.kinds.map((k) => `${k.group}/${k.kind}`).join(' | ')})` : ' (any kind)'}`;
    case 'secretRef':
      return 'secret reference';
    case 'any':
      return 'any';
  }
}

function flags(p: Property): string {
  const out: string[] = [];
  if (p.required) out.push('required');
  if (p.readOnly) out.push('read-only');
  if (p.mutability) out.push(`mutability=${p.mutability.join('|')}`);
  if (p.secret) out.push('secret');
  if (p.clientFlatten) out.push('flatten');
  if (p.armPath) out.push(`arm=${p.armPath.join('.')}`);
  else if (p.name !== p.armName) out.push(`arm=${p.armName}`);
  return out.length ? ` [${out.join(', ')}]` : '';
}

export function printPackage(pkg: ApiPackage): string {
  const lines: string[] = [];
  lines.push(`package ${pkg.id}`);
  lines.push(`  namespace ${pkg.namespace}, api-version ${pkg.apiVersion} (${pkg.stability}), ${pkg.files.length} file(s), ${Object.keys(pkg.types).length} named type(s), ${pkg.resources.length} resource(s)`);
  for (const r of pkg.resources) printResource(pkg, r, lines);
  const enums = Object.values(pkg.types).filter((d) => d.type.kind === 'enum');
  if (enums.length) {
    lines.push('', 'named enums:');
    for (const d of enums) lines.push(`  ${d.name}: ${describeType(d.type)}`);
  }
  return lines.join('\n');
}

function printResource(pkg: ApiPackage, r: Resource, lines: string[]): void {
  lines.push('', `resource ${r.armType}`);
  lines.push(`  scope ${r.scope}${r.scopeDetail ? ` (${r.scopeDetail})` : ''}${r.parentArmType ? `, parent ${r.parentArmType}` : ''}`);
  lines.push(`  name ${r.fixedName !== undefined ? `fixed "${r.fixedName}" (singleton)` : `{${r.nameParameter}}`}`);
  lines.push(`  PUT ${r.urlTemplate}`);
  const k = r.kubernetes;
  if (k) {
    const owner = k.owner ? ('any' in k.owner ? ', owner: any kind' : `, owner: ${k.owner.kind}`) : '';
    lines.push(`  kubernetes ${k.group}/${k.version} ${k.kind} (plural ${k.plural}${k.storage ? ', storage version' : ''}${owner})`);
  }
  if (k?.specType && pkg.types[k.specType]) {
    lines.push(`  spec (${k.specType}):`);
    printMembers(pkg, { kind: 'ref', name: k.specType }, '    ', lines, new Set(), 0, false);
  }
  if (k?.statusType && pkg.types[k.statusType]) {
    lines.push(`  status (${k.statusType}):`);
    printMembers(pkg, { kind: 'ref', name: k.statusType }, '    ', lines, new Set(), 0, false);
  }
  if (r.putType) {
    lines.push(`  spec (PUT body: ${describeType(r.putType)}):`);
    printMembers(pkg, r.putType, '    ', lines, new Set(), 0, false);
  }
  if (r.getType) {
    lines.push(`  status (GET response: ${describeType(r.getType)}), read-only properties:`);
    printMembers(pkg, r.getType, '    ', lines, new Set(), 0, true);
  }
}

/** Properties of an object type (bases included), expanding nested named objects. */
function printMembers(pkg: ApiPackage, t: Type, indent: string, lines: string[], seen: Set<string>, depth: number, readOnlyOnly: boolean): void {
  if (depth > MAX_DEPTH) return;
  let target = t;
  if (target.kind === 'ref') {
    if (seen.has(target.name)) {
      lines.push(`${indent}(recursive: ${target.name})`);
      return;
    }
    seen = new Set(seen).add(target.name);
    target = pkg.types[target.name]?.type ?? { kind: 'any' };
  }
  if (target.kind === 'array') return printMembers(pkg, target.items, indent, lines, seen, depth, readOnlyOnly);
  if (target.kind === 'map') return printMembers(pkg, target.values, indent, lines, seen, depth, readOnlyOnly);
  if (target.kind !== 'object') return;
  for (const base of target.bases ?? []) printMembers(pkg, base, indent, lines, seen, depth, readOnlyOnly);
  for (const p of target.properties) {
    const element = p.type.kind === 'array' || p.type.kind === 'map' ? (p.type.kind === 'array' ? p.type.items : p.type.values) : p.type;
    const nested = element.kind === 'ref' || element.kind === 'object';
    if (readOnlyOnly && !p.readOnly && !nested) continue;
    lines.push(`${indent}${p.name}: ${describeType(p.type)}${flags(p)}`);
    if (nested) printMembers(pkg, p.type, indent + '  ', lines, seen, depth + 1, readOnlyOnly && !p.readOnly);
  }
}

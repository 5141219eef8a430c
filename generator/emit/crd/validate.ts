/**
 * The checks the API server makes on a whole CRD (`ValidateCustomResourceDefinition`), besides
 * the schemas: names (DNS-1035 labels, `metadata.name` = `<plural>.<group>`, kind ≠ listKind),
 * the group (a DNS subdomain with a dot), version names (DNS-1035, unique), exactly one storage
 * version, printer columns (type, JSON path), the conversion stanza (`conversion.ts`). Each
 * version's schema goes through `checkStructural`. Problems carry the API server's path
 * (`spec.versions[0].storage`).
 */
import { conversionProblems } from './conversion.js';
import type { CustomResourceDefinition } from './crd.js';
import { checkStructural, type StructuralProblem } from './structural.js';

export interface CrdProblem {
  /** `structural` for schema problems (see `checkStructural`), else what the problem is about. */
  area: 'structural' | 'names' | 'group' | 'versions' | 'storage' | 'printer-columns' | 'conversion';
  path: string;
  message: string;
  /** For `structural` problems: the structural rule. */
  rule?: StructuralProblem['rule'];
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const COLUMN_TYPES: ReadonlySet<string> = new Set(['integer', 'number', 'string', 'boolean', 'date']);

function dns1035(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1035.test(value)) return "must be a DNS-1035 label: lower case letters, digits and '-', starting with a letter and ending with a letter or digit";
  return undefined;
}

export function checkCrd(crd: CustomResourceDefinition): CrdProblem[] {
  const problems: CrdProblem[] = [];
  const add = (area: CrdProblem['area'], path: string, message: string) => problems.push({ area, path, message });
  const { group, names, versions } = crd.spec;

  if (group.length > 253 || !group.split('.').every((l) => DNS1123_LABEL.test(l) && l.length <= 63)) add('group', 'spec.group', `${group} must be a DNS subdomain`);
  else if (!group.includes('.')) add('group', 'spec.group', `${group} should be a domain with at least one dot`);

  for (const [field, value] of [['plural', names.plural], ['singular', names.singular], ['kind', names.kind.toLowerCase()], ['listKind', names.listKind.toLowerCase()]] as const) {
    const problem = dns1035(value);
    if (problem) add('names', `spec.names.${field}`, `${value} ${problem}`);
  }
  names.categories.forEach((c, i) => {
    const problem = dns1035(c);
    if (problem) add('names', `spec.names.categories[${i}]`, `${c} ${problem}`);
  });
  if (names.kind === names.listKind) add('names', 'spec.names.listKind', 'kind and listKind may not be the same');
  if (crd.metadata.name !== `${names.plural}.${group}`) add('names', 'metadata.name', `must be ${names.plural}.${group}, not ${crd.metadata.name}`);
  else if (crd.metadata.name.length > 253) add('names', 'metadata.name', `${crd.metadata.name} must be no more than 253 characters`);

  if (versions.length === 0) add('versions', 'spec.versions', 'must have at least one version');
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    const problem = dns1035(v.name);
    if (problem) add('versions', `spec.versions[${i}].name`, `${v.name} ${problem}`);
    if (seen.has(v.name)) add('versions', `spec.versions[${i}].name`, `${v.name} appears twice`);
    seen.add(v.name);
    v.additionalPrinterColumns.forEach((c, j) => {
      const where = `spec.versions[${i}].additionalPrinterColumns[${j}]`;
      if (!c.name) add('printer-columns', `${where}.name`, 'must not be empty');
      if (!COLUMN_TYPES.has(c.type)) add('printer-columns', `${where}.type`, `must be one of ${[...COLUMN_TYPES].join(', ')}`);
      if (!c.jsonPath.startsWith('.')) add('printer-columns', `${where}.jsonPath`, 'must be a simple json path starting with .');
    });
    for (const p of checkStructural(v.schema.openAPIV3Schema, names.kind, `spec.versions[${i}].schema.openAPIV3Schema`)) {
      problems.push({ area: 'structural', path: p.path, message: p.message, rule: p.rule });
    }
  });
  const storage = versions.filter((v) => v.storage).length;
  if (storage !== 1) add('storage', 'spec.versions', `must have exactly one version marked as storage version, not ${storage}`);
  for (const p of conversionProblems(crd.spec.conversion, versions.length)) add('conversion', p.path, p.message);
  return problems;
}

/**
 * The interfaces and type aliases of generated files.
 *
 *   Kubernetes shapes  one interface per object (`Subnet`, `VirtualNetwork_Spec`), properties
 *                      named as in Kubernetes, optional unless required, the spec descriptions as
 *                      doc comments; a union is an object with one optional property per variant;
 *                      named enums and other named non-objects are type aliases.
 *   ARM shapes         `<Name>_ARM`: ARM property names, flattened properties put back into their
 *                      envelopes (`properties?: Subnet_Properties_ARM`), references as ARM IDs
 *                      (`string`, or `{ id: string }` for sub-resources), secrets as strings, a
 *                      variant's discriminator as a literal; a union is the union of its variants.
 *   The resource       `<Kind>`: apiVersion, kind, metadata, spec, status.
 *
 * Type mapping: integer and number → `number` (int64 too), enums → unions of literals, open enums
 * (`knownValues`, or `open`) → `'A' | 'B' | (string & {})`, arrays → `T[]`, maps →
 * `Record<string, T>`, references → `ResourceReference`, secret references → `SecretReference`,
 * the owner → `OwnerReference`, free-form → `unknown`.
 */
import type { EnumType, PrimitiveKind, Property, Type } from '../../model/types.js';
import type { InterfaceDeclarationStructure, OptionalKind, PropertySignatureStructure, TypeAliasDeclarationStructure } from 'ts-morph';
import { StructureKind } from 'ts-morph';
import { isVariantProperty, type ArmNode } from './arm-layout.js';
import { docText, literal, propertyKey } from './names.js';
import { elementType, knownValuesOf, type KindPlan, type PlannedType } from './plan.js';
import type { FileScope } from './scope.js';

type Shape = 'kubernetes' | 'arm';

/** The TypeScript type of a model type, in its Kubernetes or ARM shape. `known`: the values of an open enum recorded on the property. */
export function typeText(t: Type, scope: FileScope, shape: Shape, known?: readonly (string | number | boolean)[]): string {
  switch (t.kind) {
    case 'primitive':
      return known ? openUnion(known, t.primitive) : primitiveText(t.primitive);
    case 'enum':
      return enumText(t);
    case 'array': {
      const items = typeText(t.items, scope, shape, known);
      return /[|&]/.test(items) ? `(${items})[]` : `${items}[]`;
    }
    case 'map':
      return `Record<string, ${typeText(t.values, scope, shape, known)}>`;
    case 'ref': {
      const target = scope.plan.get(t.name);
      if (!target) return 'unknown';
      return shape === 'arm' ? scope.armType(target) : scope.type(target);
    }
    case 'resourceRef':
      if (shape === 'kubernetes') return scope.runtimeType('ResourceReference');
      return t.armShape === 'subresource' ? '{ id: string }' : 'string';
    case 'secretRef':
      return shape === 'kubernetes' ? scope.runtimeType('SecretReference') : 'string';
    case 'ownerRef':
      return shape === 'kubernetes' ? scope.runtimeType('OwnerReference') : 'string';
    case 'object':
      // Hoisted by the plan; an object literal type is the safe fallback.
      return `{ ${t.properties.map((p) => `${propertyKey(p.name)}${p.required ? '' : '?'}: ${typeText(p.type, scope, shape)}`).join('; ')} }`;
    case 'union':
      return 'unknown';
    case 'any':
      return 'unknown';
  }
}

function primitiveText(p: PrimitiveKind): string {
  return p === 'integer' ? 'number' : p;
}

function enumText(e: EnumType): string {
  if (e.values.length === 0) return primitiveText(e.base);
  if (e.open) return openUnion(e.values.map((v) => v.value), e.base);
  return e.values.map((v) => literal(v.value)).join(' | ');
}

/** `'A' | 'B' | (string & {})`: the known values, and any other value of the base type. */
function openUnion(values: readonly (string | number | boolean)[], base: PrimitiveKind): string {
  const b = primitiveText(base);
  if (b === 'boolean') return 'boolean';
  return [...values.map(literal), `(${b} & {})`].join(' | ');
}

/** The known values a property gives its (element) type, unless a named type carries them. */
function propertyKnownValues(p: Property): (string | number | boolean)[] | undefined {
  if (elementType(p.type).kind !== 'primitive') return undefined;
  return knownValuesOf(p);
}

function propertyDocs(p: Property): string[] {
  const parts = [p.description];
  if (p.annotations?.immutable === 'true') parts.push('Cannot be changed once the resource exists.');
  const text = docText(parts.filter(Boolean).join('\n\n'));
  return text ? [text] : [];
}

function docs(text: string | undefined): string[] {
  const t = docText(text);
  return t ? [t] : [];
}

/** The Kubernetes interface or alias of a named type. */
export function kubernetesDeclaration(t: PlannedType, scope: FileScope): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  const type = t.def.type;
  if (type.kind === 'object') {
    return {
      kind: StructureKind.Interface,
      name: t.tsName,
      isExported: true,
      docs: docs(t.def.description ?? (t.top?.role === 'spec' ? `The spec of ${t.top.kind.tsName}.` : t.top ? `The status of ${t.top.kind.tsName}.` : undefined)),
      indexSignatures: type.additionalProperties ? [{ keyName: 'key', keyType: 'string', returnType: 'unknown' }] : [],
      properties: type.properties.map(
        (p): OptionalKind<PropertySignatureStructure> => ({
          name: propertyKey(p.name),
          type: typeText(p.type, scope, 'kubernetes', propertyKnownValues(p)),
          hasQuestionToken: !p.required,
          docs: propertyDocs(p),
        }),
      ),
    };
  }
  if (type.kind === 'union') {
    return {
      kind: StructureKind.Interface,
      name: t.tsName,
      isExported: true,
      docs: docs([t.def.description, `Set exactly one of: ${type.variants.map((v) => v.name).join(', ')}.`].filter(Boolean).join('\n\n')),
      properties: type.variants.map((v) => ({
        name: propertyKey(v.name),
        type: typeText(v.type, scope, 'kubernetes'),
        hasQuestionToken: true,
        docs: [`The variant with ${type.discriminator} ${JSON.stringify(v.value)}.`],
      })),
    };
  }
  return {
    kind: StructureKind.TypeAlias,
    name: t.tsName,
    isExported: true,
    docs: docs(t.def.description),
    type: t.knownValues && type.kind === 'primitive' ? openUnion(t.knownValues, type.primitive) : typeText(type, scope, 'kubernetes'),
  };
}

/** The ARM interfaces (the object and its envelopes) or alias of a named type; empty when it has no ARM shape. */
export function armDeclarations(t: PlannedType, scope: FileScope): (InterfaceDeclarationStructure | TypeAliasDeclarationStructure)[] {
  if (!t.armName || !(t.spec || t.status)) return [];
  const type = t.def.type;
  const about = t.top?.role === 'spec' ? `The ARM request body of ${t.top.kind.tsName} (PUT ${t.top.kind.resource.armType}).` : `The ARM shape of ${t.tsName}.`;
  if (type.kind === 'union') {
    return [{ kind: StructureKind.TypeAlias, name: t.armName, isExported: true, docs: [about], type: variantUnion(t, type.variants, type.discriminator, scope) }];
  }
  if (type.kind === 'object' && type.discriminator !== undefined && type.properties.some(isVariantProperty)) {
    const variants = type.properties.filter(isVariantProperty).map((p) => ({ value: p.variant!, type: p.type }));
    return [{ kind: StructureKind.TypeAlias, name: t.armName, isExported: true, docs: [about], type: variantUnion(t, variants, type.discriminator, scope) }];
  }
  if (type.kind === 'object' && t.layout) {
    const out: InterfaceDeclarationStructure[] = [];
    const write = (node: ArmNode, name: string, doc: string) => {
      const properties: OptionalKind<PropertySignatureStructure>[] = [];
      if (node === t.layout && t.variant) {
        properties.push({ name: propertyKey(t.variant.discriminator), type: literal(t.variant.value), hasQuestionToken: !t.spec });
      }
      for (const e of node.entries) {
        if (e.kind === 'leaf') {
          const p = e.property;
          properties.push({ name: propertyKey(e.key), type: typeText(p.type, scope, 'arm', propertyKnownValues(p)), hasQuestionToken: !p.required });
        } else {
          properties.push({ name: propertyKey(e.key), type: e.node.interfaceName!, hasQuestionToken: !e.node.required });
        }
      }
      out.push({
        kind: StructureKind.Interface,
        name,
        isExported: true,
        docs: [doc],
        indexSignatures: node === t.layout && type.additionalProperties ? [{ keyName: 'key', keyType: 'string', returnType: 'unknown' }] : [],
        properties,
      });
      for (const e of node.entries) if (e.kind === 'envelope') write(e.node, e.node.interfaceName!, `The \`${e.node.path.join('.')}\` envelope of ${t.armName}.`);
    };
    write(t.layout, t.armName, about);
    return out;
  }
  // A named array, map or alias whose ARM shape differs.
  return [{ kind: StructureKind.TypeAlias, name: t.armName, isExported: true, docs: [about], type: typeText(type, scope, 'arm') }];
}

/**
 * The ARM shape of a union: the union of its variants' ARM shapes. A variant whose object carries
 * this discriminator value (the usual case) is named as it is; any other gets the discriminator
 * added by intersection.
 */
function variantUnion(t: PlannedType, variants: { value: string; type: Type }[], discriminator: string, scope: FileScope): string {
  if (variants.length === 0) return 'never';
  return variants
    .map((v) => {
      const arm = typeText(v.type, scope, 'arm');
      return carriesTag(v.type, discriminator, v.value, scope) ? arm : `(${arm} & { ${propertyKey(discriminator)}${t.spec ? '' : '?'}: ${literal(v.value)} })`;
    })
    .join(' | ');
}

/** Whether a variant's ARM object carries the discriminator value itself. */
export function carriesTag(variantType: Type, discriminator: string, value: string, scope: FileScope): boolean {
  if (variantType.kind !== 'ref') return false;
  const target = scope.plan.get(variantType.name);
  return target?.variant?.discriminator === discriminator && target.variant.value === value;
}

/** The resource interface of a kind: `apiVersion`, `kind`, `metadata`, `spec`, `status`. */
export function resourceDeclaration(kind: KindPlan, scope: FileScope): InterfaceDeclarationStructure {
  const { group, version } = kind.info;
  return {
    kind: StructureKind.Interface,
    name: kind.tsName,
    isExported: true,
    docs: [
      docText(
        `${kind.info.kind} (${group}/${version}): the Kubernetes resource for the ARM type ${kind.resource.armType} at api-version ${kind.resource.apiVersion}.` +
          (kind.spec.def.description ? `\n\n${kind.spec.def.description}` : ''),
      )!,
    ],
    properties: [
      { name: 'apiVersion', type: literal(`${group}/${version}`) },
      { name: 'kind', type: literal(kind.info.kind) },
      { name: 'metadata', type: '{ [key: string]: unknown; name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion?: string }' },
      { name: 'spec', type: scope.type(kind.spec) },
      ...(kind.status ? [{ name: 'status', type: scope.type(kind.status), hasQuestionToken: true }] : []),
    ],
  };
}

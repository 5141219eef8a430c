/**
 * Not a stage: the crossplane-runtime types (`apis/common/v1`) that the `crossplane-*` stages put
 * into each package, shaped as upjet writes them into CRDs:
 *
 *   Reference          `{name, policy?}`: another managed resource by `metadata.name`
 *   Selector           `{matchLabels?, matchControllerRef?, policy?}`: one chosen by labels
 *   Policy             `{resolution?: Required|Optional, resolve?: Always|IfNotPresent}`
 *   SecretKeySelector  `{name, namespace, key}`: one key of a Kubernetes Secret
 *   SecretReference    `{name, namespace}`: a whole Secret
 *   Condition          `{type, status, lastTransitionTime, reason, message?, observedGeneration?}`
 *
 * Each is named `Crossplane<Name>` (`CrossplaneReference`), numbered when the package already has
 * an ARM type of that name, and carries the source `crossplane-runtime`, by which a later stage
 * finds the one an earlier stage added. Also the annotations the crossplane stages write.
 */
import type { SourceLocation } from '../diagnostics.js';
import type { ApiPackage, Model, ObjectType, Property, Type, TypeDefinition } from '../model/types.js';

export type CommonTypeName = 'Reference' | 'Selector' | 'Policy' | 'SecretKeySelector' | 'SecretReference' | 'Condition';

/** The `source` of the types this module adds. */
export const CROSSPLANE_RUNTIME_FILE = 'crossplane-runtime';

/** Annotation: a default the Kubernetes API server applies (JSON), unlike ARM defaults, which are the service's. */

/**
 * Annotation `crossplane`: what a property added or reshaped by a crossplane stage is for.
 *   `identity`        a URL parameter of the resource (`resourceGroupName`, `virtualNetworkName`)
 *   `ref`, `selector` fills the property named in the `populates` annotation
 *   `secretRef`       a secret input, read from a Kubernetes Secret
 *   `resourceSpec`, `resourceStatus`  the managed-resource fields around the parameters and observation
 */
export type CrossplaneRole = 'identity' | 'ref' | 'selector' | 'secretRef' | 'resourceSpec' | 'resourceStatus';

const STRING: Type = { kind: 'primitive', primitive: 'string' };

function field(name: string, type: Type, required: boolean, description: string, annotations?: Record<string, string>): Property {
  const p: Property = { name, armName: name, type, required, readOnly: false, description };
  if (annotations) p.annotations = annotations;
  return p;
}

export function closedEnum(...values: string[]): Type {
  return { kind: 'enum', base: 'string', open: false, values: values.map((value) => ({ value })) };
}


interface CommonDefinition {
  side: 'spec' | 'status';
  description: string;
  /** The type, given the names of the other common types it uses. */
  type(ref: (name: CommonTypeName) => Type): ObjectType;
}

const COMMON: Record<CommonTypeName, CommonDefinition> = {
  Policy: {
    side: 'spec',
    description: 'How a reference or selector is resolved.',
    type: () => ({
      kind: 'object',
      properties: [
        { ...field('resolution', closedEnum('Required', 'Optional'), false, "Whether the reference must resolve: 'Required' (the default) fails the reconcile when it does not, 'Optional' lets it pass."), kubernetesDefault: 'Required' },
        field('resolve', closedEnum('Always', 'IfNotPresent'), false, "When to resolve: 'IfNotPresent' (the default) only while the field it fills is empty, 'Always' on every reconcile."),
      ],
    }),
  },
  Reference: {
    side: 'spec',
    description: 'A reference to another Kubernetes object by name.',
    type: (ref) => ({
      kind: 'object',
      properties: [field('name', STRING, true, 'The name of the referenced object.'), field('policy', ref('Policy'), false, 'How the reference is resolved.')],
    }),
  },
  Selector: {
    side: 'spec',
    description: 'Selects another Kubernetes object by its labels or its controller.',
    type: (ref) => ({
      kind: 'object',
      properties: [
        field('matchControllerRef', { kind: 'primitive', primitive: 'boolean' }, false, 'Select only an object with the same controller reference as this one.'),
        field('matchLabels', { kind: 'map', values: STRING }, false, 'Select an object with these labels.'),
        field('policy', ref('Policy'), false, 'How the selection is resolved.'),
      ],
    }),
  },
  SecretKeySelector: {
    side: 'spec',
    description: 'A key of a Kubernetes Secret.',
    type: () => ({
      kind: 'object',
      properties: [field('name', STRING, true, 'The name of the Secret.'), field('namespace', STRING, true, 'The namespace of the Secret.'), field('key', STRING, true, 'The key in the Secret.')],
    }),
  },
  SecretReference: {
    side: 'spec',
    description: 'A Kubernetes Secret.',
    type: () => ({
      kind: 'object',
      properties: [field('name', STRING, true, 'The name of the Secret.'), field('namespace', STRING, true, 'The namespace of the Secret.')],
    }),
  },
  Condition: {
    side: 'status',
    description: 'A condition of a managed resource (crossplane-runtime Condition), e.g. Ready or Synced.',
    type: () => ({
      kind: 'object',
      properties: [
        field('type', STRING, true, 'The type of the condition; at most one condition of each type applies.'),
        field('status', STRING, true, 'Whether the condition holds: True, False or Unknown.'),
        field('lastTransitionTime', { kind: 'primitive', primitive: 'string', format: 'date-time' }, true, 'When the condition last changed from one status to another.'),
        field('reason', STRING, true, 'Why the condition last changed.'),
        field('message', STRING, false, 'Details of the last transition, if any.'),
        field('observedGeneration', { kind: 'primitive', primitive: 'integer', format: 'int64' }, false, 'The metadata.generation the condition was set for.'),
      ],
    }),
  },
};

function sourceOf(name: CommonTypeName): SourceLocation {
  return { file: CROSSPLANE_RUNTIME_FILE, pointer: `/apis/common/v1/${name}` };
}

function isCommon(def: TypeDefinition | undefined, name: CommonTypeName): boolean {
  return def?.source?.file === CROSSPLANE_RUNTIME_FILE && def.source.pointer === sourceOf(name).pointer;
}

/**
 * The common types of one package: `ref('Reference')` gives a reference to the package's
 * `CrossplaneReference`, adding it (and the types it uses) to `added` the first time.
 */
export class CommonTypes {
  readonly added = new Map<string, TypeDefinition>();
  private readonly names = new Map<CommonTypeName, string>();

  constructor(private readonly pkg: Pick<ApiPackage, 'types'>) {}

  ref(which: CommonTypeName): Type {
    return { kind: 'ref', name: this.nameOf(which) };
  }

  /** The name of a common type, added to the package when it is not there yet. */
  nameOf(which: CommonTypeName): string {
    const known = this.names.get(which);
    if (known) return known;
    const base = `Crossplane${which}`;
    const usable = (name: string) => {
      const def = this.added.get(name) ?? this.pkg.types[name];
      return !def || isCommon(def, which);
    };
    let name = base;
    for (let i = 2; !usable(name); i++) name = `${base}${i}`;
    this.names.set(which, name);
    if (!this.pkg.types[name] && !this.added.has(name)) {
      const common = COMMON[which];
      const def: TypeDefinition = { name, type: { kind: 'object', properties: [] }, side: common.side, description: common.description, source: sourceOf(which) };
      this.added.set(name, def);
      def.type = common.type((other) => this.ref(other));
    }
    return name;
  }
}

/** A property only Kubernetes knows (not in the ARM body), as `isKubernetesOnly` of the emitters sees it. */
export function crossplaneProperty(name: string, type: Type, role: CrossplaneRole, description: string, extra: Record<string, string> = {}): Property {
  return { name, armName: name, type, required: false, readOnly: false, description, kubernetesOnly: true, annotations: { crossplane: role, ...extra } };
}

export interface KindRef {
  group: string;
  kind: string;
}

/** Kinds by lower-cased ARM type, over every package (a type keeps its kind across api-versions). */
export function kindsByArmType(model: Model): Map<string, KindRef> {
  const out = new Map<string, KindRef>();
  for (const pkg of model.packages) {
    for (const r of pkg.resources) {
      const key = r.armType.toLowerCase();
      if (r.kubernetes && !out.has(key)) out.set(key, { group: r.kubernetes.group, kind: r.kubernetes.kind });
    }
  }
  return out;
}

/** `a VirtualNetwork (network.azure.com)`, `a Subnet or a NetworkInterface (...)`, or `the managed resource` when unknown. */
function describeTargets(targets: readonly KindRef[]): string {
  if (targets.length === 0) return 'the managed resource';
  return targets.map((t) => `${/^[AEIOU]/.test(t.kind) ? 'an' : 'a'} ${t.kind} (${t.group})`).join(' or ');
}

/**
 * The `<field>Ref` (`<field>Refs` for a list) and `<field>Selector` properties that fill the
 * string property `field` from other managed resources: the upjet way of referring to resources.
 */
export function referenceProperties(field: string, list: boolean, targets: readonly KindRef[], common: CommonTypes): Property[] {
  const what = describeTargets(targets);
  const extra: Record<string, string> = { populates: field };
  if (targets.length) extra.referencedKinds = targets.map((t) => `${t.group}/${t.kind}`).join(',');
  const reference = common.ref('Reference');
  return [
    crossplaneProperty(list ? `${field}Refs` : `${field}Ref`, list ? { kind: 'array', items: reference } : reference, 'ref', `${list ? 'References' : 'Reference'} to ${what} to populate ${field}.`, extra),
    crossplaneProperty(`${field}Selector`, common.ref('Selector'), 'selector', `Selector for ${what} to populate ${field}.`, extra),
  ];
}

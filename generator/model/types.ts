/**
 * The intermediate model: what the loader produces from Swagger and what every pipeline stage
 * reads and returns. Plain data (JSON-serializable, no classes, no Maps) so that a model can be
 * dumped, diffed and built by hand in tests. Stages never mutate a model they were given: they
 * return a new one, sharing unchanged parts.
 */
import type { SourceLocation } from '../diagnostics.js';

/** Validation keywords carried from the spec to the CRD schema. */
export interface Validations {
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
}

/** The JSON kind of a primitive, or of the values of an enum. */
export type PrimitiveKind = 'string' | 'integer' | 'number' | 'boolean';

/** A string, integer, number or boolean, with its Swagger `format` and validations. */
export interface PrimitiveType {
  kind: 'primitive';
  primitive: PrimitiveKind;
  /** Swagger `format`: int32, int64, date-time, uuid, arm-id, password, byte, ... */
  format?: string;
  /** `x-ms-arm-id-details.allowedResources[].type`, for `format: arm-id` strings. */
  allowedResourceTypes?: string[];
  validations?: Validations;
}

/** One value of an enum, with its `x-ms-enum` name and description. */
export interface EnumValue {
  value: string | number | boolean;
  /** `x-ms-enum.values[].name`, when given. */
  name?: string;
  description?: string;
}

/** A set of primitive values: closed, or open (`modelAsString`: the service may return others). */
export interface EnumType {
  kind: 'enum';
  base: PrimitiveKind;
  values: EnumValue[];
  /** `x-ms-enum.name`. */
  enumName?: string;
  /** `x-ms-enum.modelAsString`: the service may return values not listed. */
  open: boolean;
}

/**
 * A property of an object type: its Kubernetes and ARM names, type, flags, and where it sits in the
 * ARM payload. Stages note what they changed in `annotations`.
 */
export interface Property {
  /** The Kubernetes (camelCase) name. The loader sets it from the ARM name; the naming stage may change it. */
  name: string;
  /** The name in the ARM JSON payload. */
  armName: string;
  /**
   * Where the value lives in the ARM payload, relative to the object that owns this property,
   * when flattening moved it (`['properties', 'addressSpace']`). Absent means `[armName]`.
   */
  armPath?: string[];
  type: Type;
  required: boolean;
  /**
   * Set when flattening lifted a property required inside an optional envelope: the property is
   * required whenever that envelope, the first `requiredInEnvelope` segments of `armPath`, is sent
   * (any field under it is set). `required` is false then.
   */
  requiredInEnvelope?: number;
  readOnly: boolean;
  /** `x-ms-mutability`, e.g. `['create', 'read']` for create-only properties. */
  mutability?: ('create' | 'read' | 'update')[];
  description?: string;
  /** `x-ms-secret: true`. */
  secret?: boolean;
  /** `x-ms-client-flatten: true`. */
  clientFlatten?: boolean;
  /** `x-ms-client-name`. */
  clientName?: string;
  default?: unknown;
  /** Where the property is declared in the specs. */
  source?: SourceLocation;
  /**
   * The ARM definition the property is declared in, when `flatten-properties` lifted it out of
   * that definition into another type (config overrides name that definition).
   */
  declaredIn?: string;
  /** Free-form notes stages attach (detection method of a reference, rename reason ...). */
  annotations?: Record<string, string>;
  /**
   * A Kubernetes-only property that is not part of the ARM body: `azureName` (the ARM name, in
   * the URL), `owner` (the parent, in the URL), `conditions` (status of the reconciliation).
   */
  role?: 'azureName' | 'owner' | 'conditions';
  /**
   * Not part of the ARM body, without a `role`: Crossplane's Ref/Selector, URL-parameter and
   * managed-resource fields, a provider's own fields. Conversions leave it out.
   */
  kubernetesOnly?: true;
  /**
   * A default the API server applies (the CRD emitter writes it), unlike `default`, which is the
   * service's and only documented. Plain JSON data.
   */
  kubernetesDefault?: unknown;
  /**
   * The Kubernetes name before `arm-references` renamed an ARM ID into a reference (`fooId` →
   * `fooReference`); `secrets` and `crossplane-references` give that name back.
   */
  renamedFrom?: string;
  /**
   * The values of a documented enum that `validations` turned into a plain string (its values
   * are then only known, not enforced): emitters type it `'A' | 'B' | (string & {})`.
   */
  knownValues?: EnumValue['value'][];
  /**
   * On the spec or status of a polymorphic resource (set by `spec-status`): the discriminator
   * value of the variant this property holds; exactly one variant is set.
   */
  variant?: string;
}

/**
 * An object with ordered properties; until `merge-allof`, also its `allOf` bases and discriminator
 * facts.
 */
export interface ObjectType {
  kind: 'object';
  properties: Property[];
  /** `allOf` parents, in order. The allOf stage merges their properties in and clears this. */
  bases?: Type[];
  /**
   * Names in the schema's `required` list that are not its own properties but inherited through
   * `allOf` (`required: [location]` on a `TrackedResource` subtype). `merge-allof` applies and clears it.
   */
  requiredInherited?: string[];
  /** When the object also allows extra keys (`additionalProperties` beside `properties`). */
  additionalProperties?: Type;
  /**
   * `discriminator`: the name of the property that selects a subtype. On the spec or status of a
   * resource whose body is polymorphic, the properties annotated `variant` (the discriminator
   * value) are its variants, of which exactly one is set; their properties are the ARM body's.
   */
  discriminator?: string;
  /** `x-ms-discriminator-value` (or the definition name) of this subtype. */
  discriminatorValue?: string;
  /** Names of the definitions (same package) that extend this one through allOf with a discriminator value. */
  subtypes?: string[];
  /** `x-ms-azure-resource: true`. */
  azureResource?: boolean;
  validations?: Validations;
  /**
   * ARM keys of properties a stage removed from this (status) object because they hold secrets:
   * code that passes the extra keys of an object with `additionalProperties` through leaves them out.
   */
  withheldKeys?: string[];
}

/** A list of `items`. */
export interface ArrayType {
  kind: 'array';
  items: Type;
  /** `x-ms-identifiers`. */
  identifiers?: string[];
  validations?: Validations;
}

/** A map from string keys to `values` (Swagger `additionalProperties` without `properties`). */
export interface MapType {
  kind: 'map';
  values: Type;
  validations?: Validations;
}

/** A discriminated union: one property per variant in Kubernetes, exactly one set. */
export interface UnionType {
  kind: 'union';
  /** The discriminator property name in the ARM payload. */
  discriminator: string;
  variants: { value: string; name: string; type: Type }[];
}

/** A reference to a named type of the same package. */
export interface NamedRef {
  kind: 'ref';
  name: string;
}

/** A property that holds an ARM resource ID, turned into a Kubernetes reference. */
export interface ResourceReferenceType {
  kind: 'resourceRef';
  /** ARM types the ID may point at (`x-ms-arm-id-details.allowedResources`), when known. */
  allowedTypes?: string[];
  /** How the reference was detected: `format`, `arm-id-details`, `name`, `description`, `config`. */
  detectedBy: string;
  /**
   * `string`: the ARM value is the ID itself; `subresource`: the ARM value is `{ "id": "..." }`.
   */
  armShape: 'string' | 'subresource';
}

/**
 * The owner of a resource: a Kubernetes reference to its parent. `kinds` lists the allowed owner
 * kinds (`{group, kind}`); absent for extension resources, which may have an owner of any kind.
 */
export interface OwnerReferenceType {
  kind: 'ownerRef';
  kinds?: { group: string; kind: string }[];
}

/** A secret value, taken from a Kubernetes Secret. */
export interface SecretReferenceType {
  kind: 'secretRef';
}

/** Free-form JSON. */
export interface AnyType {
  kind: 'any';
}

/** Any type of the model, told apart by `kind`. */
export type Type =
  | PrimitiveType
  | EnumType
  | ObjectType
  | ArrayType
  | MapType
  | UnionType
  | NamedRef
  | ResourceReferenceType
  | OwnerReferenceType
  | SecretReferenceType
  | AnyType;

/** A named type: (package, name). */
export interface TypeDefinition {
  name: string;
  type: Type;
  description?: string;
  source?: SourceLocation;
  /**
   * Which Kubernetes graph the type belongs to, set by `spec-status`: `spec` types are written by
   * users (references, secret references), `status` types are observed from ARM (plain strings).
   * Absent for ARM-shaped types the pipeline has not claimed (`tidy` removes those).
   */
  side?: 'spec' | 'status';
}

/**
 * Where a resource lives, from its PUT path: the tenant, a management group, a subscription, a
 * resource group, any resource (`extension`), or a location.
 */
export type Scope = 'tenant' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'extension' | 'location';

/**
 * A resource type at one api-version, from the PUT operation of its path: ARM type, scope, URL
 * template and bodies, and the Kubernetes side (`kubernetes`) the stages fill in.
 */
export interface Resource {
  /** `Microsoft.Network/virtualNetworks/subnets`. */
  armType: string;
  apiVersion: string;
  scope: Scope;
  /** For location-scoped resources: whether the location sits under a resource group. */
  scopeDetail?: string;
  /** ARM type of the parent resource for child resources. */
  parentArmType?: string;
  /** The PUT path as written in the spec. */
  urlTemplate: string;
  /** Name of the path parameter holding the resource name; absent for fixed-name singletons. */
  nameParameter?: string;
  /** For singletons such as `blobServices/default`: the fixed name. */
  fixedName?: string;
  /** The PUT body schema. */
  putType?: Type;
  /** The GET 200 schema, else the PUT 200/201 response. */
  getType?: Type;
  /** The PUT operation's `x-ms-examples` files, relative to the specs root (they may be absent from the tree). */
  examples?: string[];
  /** Name of the PUT body parameter: the key of the request body in an example's `parameters`. */
  bodyParameter?: string;
  source: SourceLocation;
  /** Kubernetes-side facts the pipeline fills in. */
  kubernetes?: KubernetesResourceInfo;
}

/**
 * The Kubernetes side of a resource, set by the stages: group, version, kind and plural
 * (`resource-names`), spec and status type names (`spec-status`), owner (`owner-scope`), storage
 * version (`storage-version`).
 */
export interface KubernetesResourceInfo {
  group: string;
  version: string;
  kind: string;
  plural?: string;
  /** Named type (same package) of the spec. */
  specType?: string;
  /** Named type (same package) of the status. */
  statusType?: string;
  /** The kind of the owner, when it is a resource of the same group (or `ResourceGroup`). */
  owner?: { group: string; kind: string } | { any: true };
  /** Whether this version is the storage version. */
  storage?: boolean;
  /** `azureName` is settable (false for fixed-name singletons). */
  hasAzureName?: boolean;
  /** The CRD's scope; `Namespaced` when absent (ASO). Crossplane managed resources are `Cluster`. */
  scope?: 'Namespaced' | 'Cluster';
  /** The CRD's categories; when absent, `azure` and the group's first label. */
  categories?: string[];
  /** The CRD's printer columns; when absent, ASO's (the Ready condition) and Age. */
  printerColumns?: PrinterColumnInfo[];
  /** CEL rules (`x-kubernetes-validations`) on the spec, as a whole. */
  specRules?: { rule: string; message: string }[];
}

/** A column of `kubectl get` (a CRD's `additionalPrinterColumns` entry). */
export interface PrinterColumnInfo {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
}

/** One API package: one provider namespace at one api-version, from one folder of the specs. */
export interface ApiPackage {
  /** Folder of the package relative to the specs root; unique. */
  id: string;
  namespace: string;
  apiVersion: string;
  stability: 'stable' | 'preview';
  /** Swagger files of the package, relative to the specs root, sorted. */
  files: string[];
  /** Named types, keyed by name; key order is insertion order, kept deterministic by the loader. */
  types: Record<string, TypeDefinition>;
  resources: Resource[];
}

/** The whole model: what `loadSpecs` returns and every stage reads and returns. */
export interface Model {
  /** Sorted by namespace (case-insensitively), then api-version, then id. */
  packages: ApiPackage[];
  /**
   * Every ARM type the loaded specs declare, also those the `select` stage left out (set by it);
   * stages that recognise resources by type (`arm-references`) use it, so that what is detected
   * does not depend on what is selected. Absent: the types of `packages`.
   */
  armTypes?: readonly string[];
}

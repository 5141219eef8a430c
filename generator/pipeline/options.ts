/** Options that shape what the pipeline produces; the config file sets them, defaults are here. */

/**
 * A config rule for properties: which ones (globs on namespace, api-version, named type and ARM
 * property name) and what to force (reference or not, secret or not, name, description).
 */
export interface PropertyOverride {
  /** Provider namespace glob (`Microsoft.Network`, `Microsoft.*`); any when absent. */
  group?: string;
  /** API version glob; any when absent. */
  version?: string;
  /** Named type glob (`Subnet`, `*Properties*`); any when absent. */
  type?: string;
  /** ARM property name (or glob) in that type. */
  property: string;
  /** Force the property to be (true) or not be (false) an ARM-ID reference. */
  reference?: boolean;
  /** Force the property to be (true) or not be (false) a secret reference. */
  secret?: boolean;
  /** New Kubernetes name for the property. */
  rename?: string;
  /** Replacement description. */
  description?: string;
}

/**
 * Which api-versions of a resource type to keep: `latest-stable` (the latest stable one, else the
 * latest preview), `latest` (the latest, preview or not; a stable version wins over a preview of
 * the same date), `all`, or these api-versions where the type has them.
 */
export type VersionPolicy = 'latest-stable' | 'latest' | 'all' | readonly string[];

/** Selects resource types; every given key must match (globs: `*`, `?`, case-insensitive). */
export interface ResourceSelector {
  /** Provider namespace (`Microsoft.Network`) or Kubernetes group (`network.azure.com`) glob. */
  group?: string;
  /** Kubernetes kind glob (`VirtualNetworksSubnet`). */
  kind?: string;
  /** ARM type glob (`Microsoft.Network/virtualNetworks/subnets`). */
  armType?: string;
  /** api-version glob: only these versions are candidates for the policy. */
  version?: string;
  /** This entry's version policy, instead of `PipelineOptions.versions`. */
  versions?: VersionPolicy;
  /** Where the entry is written (config file + JSON pointer), for diagnostics. */
  source?: { file: string; pointer: string };
}

/**
 * Options that shape what the pipeline produces (`StageContext.options`). The config file sets
 * them; `DEFAULT_PIPELINE_OPTIONS` holds the defaults.
 */
export interface PipelineOptions {
  /** The resource types to keep (the `select` stage); every one when absent. */
  resources?: readonly ResourceSelector[];
  /** Which api-versions of each selected resource type to keep (the `select` stage). */
  versions: VersionPolicy;
  /** Suffix of Kubernetes groups: `Microsoft.Storage` → `storage.<suffix>`. */
  groupSuffix: string;
  /** How many times a recursive type is unrolled before the rest is free-form. */
  recursionDepth: number;
  /** `document`: open (modelAsString) enums accept any string, values documented; `enforce`: listed values only. */
  openEnums: 'document' | 'enforce';
  /** Which version of a kind is the storage version. */
  storageVersion: 'latest-stable' | 'latest';
  propertyOverrides: PropertyOverride[];
}

/** The options a run uses for whatever it does not set (frozen). */
export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = Object.freeze({
  versions: 'all',
  groupSuffix: 'azure.com',
  recursionDepth: 2,
  openEnums: 'document',
  storageVersion: 'latest-stable',
  propertyOverrides: [],
}) as PipelineOptions;

/** Complete options: `partial` over `DEFAULT_PIPELINE_OPTIONS`. */
export function pipelineOptions(partial: Partial<PipelineOptions> = {}): PipelineOptions {
  return { ...DEFAULT_PIPELINE_OPTIONS, ...partial };
}

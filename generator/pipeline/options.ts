/** Options that shape what the pipeline produces; the config file sets them, defaults are here. */

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

export interface PipelineOptions {
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

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = Object.freeze({
  groupSuffix: 'azure.com',
  recursionDepth: 2,
  openEnums: 'document',
  storageVersion: 'latest-stable',
  propertyOverrides: [],
}) as PipelineOptions;

export function pipelineOptions(partial: Partial<PipelineOptions> = {}): PipelineOptions {
  return { ...DEFAULT_PIPELINE_OPTIONS, ...partial };
}

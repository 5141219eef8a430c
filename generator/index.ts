/**
 * armkube's public API. Everything a library user may import is exported here, and nothing
 * else is public: other modules are internal and may change.
 *
 * @example
 * ```ts
 * import { loadSpecs, runPipeline, asoStages, insertAfter } from 'armkube';
 *
 * const { model, diagnostics } = loadSpecs({ specsDir: '../azure-rest-api-specs/specification' });
 * const stages = insertAfter(asoStages, 'property-names', myStage);
 * const result = runPipeline(model, stages, { options: { groupSuffix: 'example.com' } });
 * ```
 */

/** Diagnostics: problems as values with a code, a message and a location (file + JSON pointer). */
export {
  Diagnostics,
  countByCode,
  formatDiagnostic,
  formatLocation,
  type Diagnostic,
  type Severity,
  type SourceLocation,
} from './diagnostics.js';

/** The intermediate model: packages (one namespace at one api-version), named types and resources. */
export type {
  ApiPackage,
  AnyType,
  ArrayType,
  EnumType,
  EnumValue,
  KubernetesResourceInfo,
  MapType,
  Model,
  NamedRef,
  ObjectType,
  OwnerReferenceType,
  PrimitiveKind,
  PrimitiveType,
  Property,
  Resource,
  ResourceReferenceType,
  Scope,
  SecretReferenceType,
  Type,
  TypeDefinition,
  UnionType,
  Validations,
} from './model/types.js';

/** Helpers to read and rebuild model types without mutating them. */
export { children, mapDefinitions, mapPackages, mapType, reachableNames, referencedNames, resolve, walkType } from './model/walk.js';

/** Human-readable rendering of a package (what `armkube model` prints). */
export { describeType, printPackage } from './model/print.js';

/** Loading a specs tree into the model. */
export { loadSpecs, type LoadOptions, type LoadResult, type LoadStats } from './loader/load.js';
/** Spec discovery: which folders are API packages. */
export { discoverPackages, type DiscoveredPackage } from './loader/discover.js';
/** ARM URL template parsing: ARM type, scope, parent, name parameter. */
export { parseArmPath, type ParsedArmPath } from './loader/arm-path.js';
/** Counts over a loaded tree (what `armkube specs` prints). */
export { summarize, type SpecsSummary } from './loader/summary.js';

/** The stage contract and the runner. */
export type { Stage, StageContext } from './pipeline/stage.js';
export {
  insertAfter,
  insertBefore,
  replaceStage,
  runPipeline,
  validatePipeline,
  type PipelineResult,
  type RunOptions,
  type StageReport,
} from './pipeline/runner.js';
/** Pipeline options (group suffix, recursion depth, open enums, storage version, property overrides). */
export { DEFAULT_PIPELINE_OPTIONS, pipelineOptions, type PipelineOptions, type PropertyOverride } from './pipeline/options.js';
export { globMatch, OverrideTracker, type OverrideSite } from './pipeline/overrides.js';
/** The pipeline report (what `armkube pipeline` prints). */
export { pipelineReport, type PipelineReport } from './pipeline/report.js';

/** The built-in stages, in the order of the `aso` target. */
export { mergeAllOfStage } from './pipeline/merge-allof.js';
export { discriminatedUnionsStage } from './pipeline/discriminated-unions.js';
export { resourceNamesStage } from './pipeline/resource-names.js';
export { specStatusStage } from './pipeline/spec-status.js';
export { flattenPropertiesStage } from './pipeline/flatten-properties.js';
export { armReferencesStage } from './pipeline/arm-references.js';
export { secretsStage } from './pipeline/secrets.js';
export { ownerScopeStage } from './pipeline/owner-scope.js';
export { propertyNamesStage } from './pipeline/property-names.js';
export { recursionStage } from './pipeline/recursion.js';
export { validationsStage } from './pipeline/validations.js';
export { statusConditionsStage } from './pipeline/status-conditions.js';
export { tidyStage } from './pipeline/tidy.js';
export { storageVersionStage } from './pipeline/storage-version.js';

/** Helpers for stages that act on the spec and status graphs (after `spec-status`). */
export { findOverride, kubernetesTypeNames, mapKubernetesTypes, oncePerSource, withDefinitions, type SideDefinition } from './pipeline/sides.js';
/** Naming rules of the `aso` target, for stages and emitters that need the same names. */
export { kindAndPlural, kubernetesGroup, kubernetesVersion } from './pipeline/resource-names.js';
/** How a string property is recognised as an ARM resource ID. */
export { detectArmId, resourceNouns, type Detection } from './pipeline/arm-id-detection.js';

/** Emitters: the contract, and writing their files to the output folder all or nothing. */
export type { EmitContext, EmittedFile, Emitter } from './emit/emitter.js';
export { writeOutput } from './emit/write-output.js';
/** The built-in emitters: CRD YAML (with its structural check), TypeScript types and conversion, typed clients. */
export { crdEmitter } from './emit/crd/index.js';
export { checkStructural } from './emit/crd/structural.js';
export { typescriptEmitter } from './emit/typescript/index.js';
export { clientEmitter } from './emit/client/index.js';

/** The config file (`armkube.yaml`): strict loading with located diagnostics. */
export { CONFIG_FILE, loadConfig, parseConfig, type ArmkubeConfig, type ConfigResult } from './config/config-file.js';

/** Targets: named lists of stages and emitters. */
export { asoEmitters, asoStages } from './targets/aso.js';
export { targetNames, targets, type Target } from './targets/index.js';

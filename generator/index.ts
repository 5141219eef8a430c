/**
 * armkube's public API. Everything a library user may import is exported here, and nothing
 * else is public: other modules are internal and may change. Generated code and its callers use
 * the separate entry points `armkube/runtime` and `armkube/runtime/client`.
 *
 * @example
 * ```ts
 * import { asoStages, crdEmitter, Diagnostics, insertAfter, loadSpecs, runPipeline, writeOutput } from 'armkube';
 *
 * const { model } = loadSpecs({ specsDir: '../azure-rest-api-specs/specification', filter: (p) => p.namespace === 'Microsoft.Storage' });
 * const result = runPipeline(model, insertAfter(asoStages, 'owner-scope', myStage), { options: { groupSuffix: 'example.com' } });
 * const files = crdEmitter.emit(result.model, { diagnostics: new Diagnostics('crd'), count: () => {} });
 * writeOutput('output', files);
 * ```
 */

// Diagnostics: problems as values with a code, a severity, a message and a location.
export { Diagnostics, formatDiagnostic, formatLocation, type Diagnostic, type Severity, type SourceLocation } from './diagnostics.js';
export {
  codeInfo,
  CRASH_CODES,
  DIAGNOSTIC_CODES,
  registeredCodes,
  type CodeOfSeverity,
  type DiagnosticCode,
  type DiagnosticCodeInfo,
  type ExtensionCode,
  type RegisteredCode,
} from './diagnostic-codes.js';

// The intermediate model: packages (one namespace at one api-version), named types and resources.
export type {
  AnyType,
  ApiPackage,
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
  PrinterColumnInfo,
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

// Reading and rebuilding model types without mutating them.
export { children, mapDefinitions, mapPackages, mapType, reachableNames, referencedNames, resolve, walkType } from './model/walk.js';
// The same for the spec and status type graphs that `spec-status` creates.
export { kubernetesTypeNames, mapKubernetesTypes, withDefinitions, type SideDefinition } from './pipeline/sides.js';

// Loading a specs tree into the model.
export { loadSpecs, type LoadOptions, type LoadResult, type LoadStats } from './loader/load.js';

// The stage contract, and running stages over a model.
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
export {
  DEFAULT_PIPELINE_OPTIONS,
  pipelineOptions,
  type PipelineOptions,
  type PropertyOverride,
  type ResourceSelector,
  type VersionPolicy,
} from './pipeline/options.js';
export { OverrideTracker, type OverrideSite } from './pipeline/overrides.js';

// The built-in stages, in the order of the `aso` target.
export { resourceNamesStage } from './pipeline/resource-names.js';
export { selectStage } from './pipeline/select.js';
export { mergeAllOfStage } from './pipeline/merge-allof.js';
export { discriminatedUnionsStage } from './pipeline/discriminated-unions.js';
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
// The stages the `crossplane` target adds or puts in place of the `aso` ones.
export { crossplaneReferencesStage } from './pipeline/crossplane-references.js';
export { crossplaneSecretsStage } from './pipeline/crossplane-secrets.js';
export { crossplaneOwnerStage } from './pipeline/crossplane-owner.js';
export { crossplaneManagedStage } from './pipeline/crossplane-managed.js';

// Emitters: the contract, the built-in ones, and writing their files to the output folder all or nothing.
export type { ConversionWebhookService, EmitContext, EmitOptions, EmittedFile, Emitter, SyncEmitter } from './emit/emitter.js';
export { writeOutput } from './emit/write-output.js';
export { crdEmitter } from './emit/crd/index.js';
export { checkStructural, type StructuralProblem, type StructuralRule } from './emit/crd/structural.js';
export { typescriptEmitter } from './emit/typescript/index.js';
export { clientEmitter } from './emit/client/index.js';
export { crossplaneTypesEmitter } from './emit/crossplane-types/index.js';
export { docsEmitter, emitDocsFromFiles, type DocsContext } from './emit/docs/index.js';

// The whole generator in one call: load (pruned to the selection), stages, emitters, one crash policy.
export { generate, selectedCount, type GenerateOptions, type GenerateReport, type GenerateResult, type GenerateStep } from './generate/index.js';
export { runEmitters, type EmitResult, type EmitRun } from './generate/run-emitters.js';

// Targets: named lists of stages and emitters.
export { asoEmitters, asoStages } from './targets/aso.js';
export { crossplaneEmitters, crossplaneStages } from './targets/crossplane.js';
export { targets, type Target } from './targets/index.js';

// The config file (`armkube.yaml`): strict loading with located diagnostics.
export { loadConfig, parseConfig, type ArmkubeConfig, type ConfigResult } from './config/config-file.js';

// Running the code the TypeScript emitter generated (its registry of kinds and conversions).
export {
  GeneratedCodeError,
  loadGeneratedCode,
  loadGeneratedFiles,
  type GeneratedCode,
  type GeneratedResource,
} from './output-reader/load.js';

/**
 * The `aso` target: Kubernetes resources in the shape of the Azure Service Operator (v2):
 * `spec` with `owner` and `azureName`, references to other resources by Kubernetes name,
 * secrets from Kubernetes Secrets, `status` with the observed ARM state and conditions.
 *
 * The order of the stages, with the reason for each place:
 */
import { armReferencesStage } from '../pipeline/arm-references.js';
import { discriminatedUnionsStage } from '../pipeline/discriminated-unions.js';
import { flattenPropertiesStage } from '../pipeline/flatten-properties.js';
import { mergeAllOfStage } from '../pipeline/merge-allof.js';
import { ownerScopeStage } from '../pipeline/owner-scope.js';
import { propertyNamesStage } from '../pipeline/property-names.js';
import { recursionStage } from '../pipeline/recursion.js';
import { resourceNamesStage } from '../pipeline/resource-names.js';
import { secretsStage } from '../pipeline/secrets.js';
import { selectStage } from '../pipeline/select.js';
import { specStatusStage } from '../pipeline/spec-status.js';
import { clientEmitter } from '../emit/client/index.js';
import { crdEmitter } from '../emit/crd/index.js';
import type { Emitter } from '../emit/emitter.js';
import { typescriptEmitter } from '../emit/typescript/index.js';
import type { Stage } from '../pipeline/stage.js';
import { statusConditionsStage } from '../pipeline/status-conditions.js';
import { storageVersionStage } from '../pipeline/storage-version.js';
import { tidyStage } from '../pipeline/tidy.js';
import { validationsStage } from '../pipeline/validations.js';

/**
 * The stages of the `aso` target, in order, with the reason for each place. Frozen: derive a list
 * of your own with `insertAfter`, `insertBefore` or `replaceStage`.
 */
export const asoStages: readonly Stage[] = Object.freeze([
  // First: kinds are named over the whole model (a kind must not depend on what is selected),
  // and they name the spec and status types. It reads only ARM types and scopes.
  resourceNamesStage,
  // Drops what the config does not select before any costly stage sees it.
  selectStage,
  // Every later stage must see complete property lists, not allOf chains.
  mergeAllOfStage,
  // Needs merged subtypes; before spec/status so both sides get the same union shape.
  discriminatedUnionsStage,
  // Splits each resource into the spec (writable PUT body) and status (GET body) type graphs.
  specStatusStage,
  // Lifts the `properties` envelope: references and names below act on the final shape.
  flattenPropertiesStage,
  // Needs the flattened spec types (ARM IDs live under `properties`) and the spec/status split.
  armReferencesStage,
  // Same reasons as references; after them so a secret ID is a secret, not a reference.
  secretsStage,
  // Adds owner/azureName on the final top-level spec and drops name/id/type.
  ownerScopeStage,
  // After every stage that adds or renames properties, so collisions are resolved once.
  propertyNamesStage,
  // On the final type graph, so unrolled copies carry every earlier change.
  recursionStage,
  // On the final types, after unrolling copied their validations.
  validationsStage,
  // Adds the operator's conditions to each status once its shape is final.
  statusConditionsStage,
  // Removes what no spec or status reaches and shares identical types, once nothing adds types.
  tidyStage,
  // Looks across all packages of a group; needs kinds and nothing after it changes them.
  storageVersionStage,
]);

/** The emitters of the `aso` target: CRDs, TypeScript types and conversion, typed clients. */
export const asoEmitters: readonly Emitter[] = Object.freeze([crdEmitter, typescriptEmitter, clientEmitter]);

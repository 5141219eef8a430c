/**
 * The `crossplane` target: Kubernetes resources in the shape of Crossplane managed resources, as
 * upjet-generated providers (provider-upjet-azure) have them: cluster-scoped, `spec.forProvider`
 * with the parameters (the resource group and parent names among them, each with `...Ref` and
 * `...Selector`), `spec.initProvider`, `providerConfigRef`, `deletionPolicy`, `managementPolicies`,
 * `writeConnectionSecretToRef`; `status.atProvider` and `status.conditions`. References are the
 * ARM ID string with `<field>Ref`/`<field>Selector`, secrets `<field>SecretRef`.
 *
 * The stages are the `aso` target's up to where the shapes part, so that a change there (a new
 * stage, another order) carries over. Changes, with the reason for each place:
 */
import { crdEmitter } from '../emit/crd/index.js';
import { crossplaneTypesEmitter } from '../emit/crossplane-types/index.js';
import type { Emitter } from '../emit/emitter.js';
import { crossplaneManagedStage } from '../pipeline/crossplane-managed.js';
import { crossplaneOwnerStage } from '../pipeline/crossplane-owner.js';
import { crossplaneReferencesStage } from '../pipeline/crossplane-references.js';
import { crossplaneSecretsStage } from '../pipeline/crossplane-secrets.js';
import { insertAfter, replaceStage } from '../pipeline/runner.js';
import type { Stage } from '../pipeline/stage.js';
import { asoStages } from './aso.js';

function crossplaneStageList(): Stage[] {
  let stages = [...asoStages];
  // Right after the stages that find references and secrets, on the same final spec shape.
  stages = insertAfter(stages, 'secrets', crossplaneReferencesStage);
  stages = insertAfter(stages, 'crossplane-references', crossplaneSecretsStage);
  // In place of ASO's owner and azureName: URL parameters with Ref/Selector, the name is the external-name annotation.
  stages = replaceStage(stages, 'owner-scope', crossplaneOwnerStage);
  // Crossplane's conditions come with the status wrapper below.
  stages = replaceStage(stages, 'status-conditions');
  // After tidy, which would merge identical parameters of two kinds; before storage-version, which only reads kinds.
  stages = insertAfter(stages, 'tidy', crossplaneManagedStage);
  return stages;
}

/**
 * The stages of the `crossplane` target: the `aso` ones, with the Crossplane stages inserted or in
 * place of ASO's where the comments above say. Frozen.
 */
export const crossplaneStages: readonly Stage[] = Object.freeze(crossplaneStageList());

/** The emitters of the `crossplane` target: CRDs and TypeScript types (no ARM conversion: the provider does that). */
export const crossplaneEmitters: readonly Emitter[] = Object.freeze([crdEmitter, crossplaneTypesEmitter]);

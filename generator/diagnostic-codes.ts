/**
 * Every diagnostic code armkube raises: its severities, who raises it and what it means, in one
 * place. `Diagnostics` takes a `DiagnosticCode`, so a code that is not listed here (or a typo)
 * fails `tsc`, and a code raised at a severity not listed for it does too. `docs/diagnostics.md`
 * is generated from this list (`npm run update-docs`).
 *
 * Stages and emitters of your own may raise codes that start with `x-` (`x-my-check`).
 */
import type { Severity } from './diagnostics.js';

/** What the registry says about one code. */
export interface DiagnosticCodeInfo {
  /** The severities it is raised at (most codes have one). */
  severities: readonly Severity[];
  /** Who raises it: `loader`, `config`, a stage id, an emitter id (`crd`, `typescript`, ...), `pipeline`, or a CLI command. */
  raisedBy: string;
  /** One line: what happened and what armkube did about it. */
  meaning: string;
  /** armkube itself failed (a bug, not the specs): `generate` writes nothing. */
  crash?: true;
}

const W = ['warning'] as const;
const E = ['error'] as const;
const I = ['info'] as const;

/** Every code armkube raises, by area, with what the registry says about it. */
export const DIAGNOSTIC_CODES = {
  // loader: reading files and Swagger documents
  'file-unreadable': { severities: E, raisedBy: 'loader', meaning: 'a spec file (or a file a $ref names) cannot be read; it is skipped' },
  'invalid-json': { severities: E, raisedBy: 'loader', meaning: 'a spec file is not valid JSON; it is skipped' },
  'invalid-utf8': { severities: W, raisedBy: 'loader', meaning: 'a spec file is not valid UTF-8; the invalid bytes are read as U+FFFD' },
  'not-swagger': { severities: W, raisedBy: 'loader', meaning: 'a JSON file under the specs has no "swagger" key; it is not loaded' },
  'unsupported-openapi': { severities: W, raisedBy: 'loader', meaning: 'an OpenAPI 3 document; only Swagger 2.0 is read, the file is skipped' },
  'unsupported-swagger-version': { severities: W, raisedBy: 'loader', meaning: '"swagger" is not "2.0"; the document is read as Swagger 2.0' },
  'swagger-invalid': { severities: W, raisedBy: 'loader', meaning: 'the document breaks the Swagger 2.0 schema (with --validate); loading goes on' },
  'invalid-structure': { severities: E, raisedBy: 'loader', meaning: 'a part of the document has the wrong JSON type (paths, definitions, parameters); it is ignored' },
  'invalid-schema': { severities: W, raisedBy: 'loader', meaning: 'a schema, or its properties or allOf, has the wrong JSON type; that part is ignored' },
  'schema-too-deep': { severities: W, raisedBy: 'loader', meaning: 'a schema nests deeper than the loader follows; the rest is free-form' },
  'missing-type': { severities: W, raisedBy: 'loader', meaning: 'a definition has no type, properties or $ref; it is free-form' },
  'unknown-type': { severities: W, raisedBy: 'loader', meaning: 'a schema type that is not a JSON Schema type; the schema is free-form' },
  'dangling-ref': { severities: E, raisedBy: 'loader', meaning: 'a $ref points at nothing (no such file or pointer); the schema is free-form' },
  'invalid-ref': { severities: E, raisedBy: 'loader', meaning: 'a $ref that is not a string' },
  'remote-ref': { severities: E, raisedBy: 'loader', meaning: 'a $ref to a URL; only local files are read' },
  'ref-cycle': { severities: E, raisedBy: 'loader', meaning: 'a chain of $refs that only refers back to itself; free-form' },
  'reserved-type-name': { severities: W, raisedBy: 'loader', meaning: 'a definition name that cannot name a type; it is renamed' },
  'type-name-collision': { severities: I, raisedBy: 'loader', meaning: 'two definitions of a package want the same type name; the later one is renamed' },
  'not-a-resource-path': { severities: I, raisedBy: 'loader', meaning: 'a PUT path that is not an ARM resource (an action, a list); it has no kind' },
  'duplicate-path': { severities: W, raisedBy: 'loader', meaning: 'the same PUT path is declared twice; the first is used' },
  'duplicate-resource': { severities: I, raisedBy: 'loader', meaning: 'one ARM type is reachable at two paths; one of them is used' },
  'missing-put-body': { severities: I, raisedBy: 'loader', meaning: 'a PUT without a body parameter; the kind has an empty spec' },

  'folder-unreadable': { severities: E, raisedBy: 'loader', meaning: 'a folder of the specs tree cannot be read; the specs in it are not loaded' },
  'duplicate-resource-type': { severities: W, raisedBy: 'loader', meaning: 'one ARM type and api-version is declared in two folders; the first in path order is used' },
  'arm-id-unknown-type': { severities: W, raisedBy: 'loader', meaning: 'x-ms-arm-id-details names a resource type no spec declares (a typo?); the reference keeps it' },

  // config file
  'config-not-found': { severities: E, raisedBy: 'config', meaning: 'the config file given does not exist' },
  'config-invalid-yaml': { severities: E, raisedBy: 'config', meaning: 'the config file is not valid YAML' },
  'config-unknown-key': { severities: E, raisedBy: 'config', meaning: 'a key the config schema does not know; the config is not used' },
  'config-invalid-value': { severities: E, raisedBy: 'config', meaning: 'a config value of the wrong type or outside its allowed values; the config is not used' },

  // pipeline runner
  'pipeline-order': { severities: E, raisedBy: 'pipeline', meaning: 'the stage list breaks a stage\'s declared order (requires, runsAfter, runsBefore) or repeats a stage; nothing runs', crash: true },
  'stage-failed': { severities: E, raisedBy: 'pipeline', meaning: 'a stage threw (a bug in armkube); the run goes on with the model from before that stage', crash: true },
  'override-unused': { severities: W, raisedBy: 'pipeline', meaning: 'a property override of the config matched no property' },

  // stages
  'kind-collision': { severities: W, raisedBy: 'resource-names', meaning: 'two ARM types of a group want the same kind; the later one gets another kind' },
  'kind-shortened': { severities: I, raisedBy: 'resource-names', meaning: 'a kind longer than Kubernetes allows is shortened' },
  'duplicate-kind-version': { severities: W, raisedBy: 'resource-names', meaning: 'two resources would be the same kind at the same version; the first is kept' },
  'selector-unmatched': { severities: W, raisedBy: 'select', meaning: 'a resources entry of the config matches no resource in the specs' },
  'allof-cycle': { severities: W, raisedBy: 'merge-allof', meaning: 'an allOf chain refers back to a type; the cycle is cut' },
  'allof-non-object': { severities: ['info', 'warning'], raisedBy: 'merge-allof', meaning: 'an allOf base that is not an object: a map gives additionalProperties, anything else adds nothing' },
  'union-without-subtypes': { severities: I, raisedBy: 'discriminated-unions', meaning: 'a type has a discriminator but no subtypes; it stays an object' },
  'union-bad-subtype': { severities: W, raisedBy: 'discriminated-unions', meaning: 'a subtype that is not a named object of the package; it is not a variant' },
  'union-concrete-base': { severities: I, raisedBy: 'discriminated-unions', meaning: 'a base that is itself a variant; a copy of it is kept as that variant' },
  'union-duplicate-value': { severities: W, raisedBy: 'discriminated-unions', meaning: 'two subtypes share a discriminator value; the later one is not a variant' },
  'union-variant-name-collision': { severities: W, raisedBy: 'discriminated-unions', meaning: 'two variants would get the same name; the later one is suffixed' },
  'no-spec': { severities: ['warning', 'error'], raisedBy: 'spec-status, render', meaning: 'a resource without an object PUT body has no spec (spec-status); an object to render has no spec (render)' },
  'flatten-cycle': { severities: W, raisedBy: 'flatten-properties', meaning: 'a x-ms-client-flatten property would flatten into itself; it is left nested' },
  'flatten-collision': { severities: I, raisedBy: 'flatten-properties', meaning: 'a lifted property takes a name already used; it is renamed <envelope><Name>' },
  'reference-ambiguous': { severities: I, raisedBy: 'arm-references', meaning: 'a property that may hold an ARM ID on weak evidence only; it stays a string (settle it in the config)' },
  'reference-override-ignored': { severities: W, raisedBy: 'arm-references', meaning: 'the config forces a reference on a property that cannot be one' },
  'secret-candidate': { severities: I, raisedBy: 'secrets', meaning: 'a string named and described like a secret, without x-ms-secret or format: password; left alone (settle it in the config)' },
  'secret-not-string': { severities: W, raisedBy: 'secrets', meaning: 'a secret that is not a string; it is left as it is' },
  'owner-not-selected': { severities: I, raisedBy: 'owner-scope', meaning: 'the parent of a resource is not selected; its owner is given by ARM ID' },
  'owner-unknown': { severities: W, raisedBy: 'owner-scope', meaning: 'the parent of a resource has no kind (no PUT in the specs); its owner is given by ARM ID' },
  'crossplane-identity-renamed': { severities: W, raisedBy: 'crossplane-owner', meaning: 'a URL parameter\'s name is taken by a spec property; the parameter gets the suffix Parameter' },
  'property-name-invalid': { severities: I, raisedBy: 'property-names', meaning: 'a property name that is not an identifier; it is made one' },
  'property-name-collision': { severities: W, raisedBy: 'property-names', meaning: 'two properties of an object would have equal names (case-insensitively); the later one is suffixed' },
  'rename-invalid': { severities: W, raisedBy: 'property-names', meaning: 'a name the config gives is not a valid identifier; a fixed one is used' },
  'recursion-depth': { severities: W, raisedBy: 'recursion', meaning: 'recursionDepth is not a positive integer; 1 is used' },
  'recursive-type': { severities: I, raisedBy: 'recursion', meaning: 'a recursive type is unrolled to recursionDepth levels, then free-form' },
  'pattern-unsupported': { severities: W, raisedBy: 'validations', meaning: 'a pattern Kubernetes (RE2) or JavaScript cannot run; it is dropped' },
  'validation-contradiction': { severities: W, raisedBy: 'validations', meaning: 'bounds that allow no value (min > max); both are dropped' },
  'validation-invalid': { severities: W, raisedBy: 'validations', meaning: 'a negative or fractional length or count bound, or multipleOf <= 0; it is dropped' },
  'enum-empty': { severities: W, raisedBy: 'validations', meaning: 'an enum without values; it is a plain primitive' },
  'status-not-object': { severities: W, raisedBy: 'status-conditions', meaning: 'a status type that is not an object; it gets no conditions' },
  'conditions-collision': { severities: W, raisedBy: 'status-conditions', meaning: 'an ARM status property named conditions; it is renamed armConditions' },

  // emitters
  'emitter-failed': { severities: E, raisedBy: 'generate (the library call: generate, docs, the fuzzer)', meaning: 'an emitter threw (a bug in armkube); nothing is written', crash: true },
  'crd-not-structural': { severities: E, raisedBy: 'crd', meaning: 'the CRD schema is not structural; the CRD is not written' },
  'crd-storage-version': { severities: E, raisedBy: 'crd', meaning: 'the CRD does not have exactly one storage version; it is not written' },
  'crd-invalid': { severities: E, raisedBy: 'crd', meaning: 'the CRD breaks another rule of the API server; it is not written' },
  'crd-too-large': { severities: E, raisedBy: 'crd', meaning: 'the CRD is over the etcd object limit even without descriptions; it is not written' },
  'crd-descriptions-dropped': { severities: W, raisedBy: 'crd', meaning: 'the CRD was over the etcd object limit; descriptions are dropped until it fits' },
  'crd-over-kubectl-apply-limit': { severities: W, raisedBy: 'crd', meaning: 'the CRD is too large for client-side kubectl apply; use server-side apply' },
  'crd-free-form-spec': { severities: I, raisedBy: 'crd', meaning: 'a kind without a spec type; its CRD spec is free-form' },
  'crd-dangling-ref': { severities: W, raisedBy: 'crd', meaning: 'the model names a type that does not exist; its schema is free-form' },
  'crd-recursive-type': { severities: W, raisedBy: 'crd', meaning: 'a type the recursion stage left recursive; that occurrence is free-form' },
  'crd-enum-value-type': { severities: W, raisedBy: 'crd', meaning: 'enum values not of the enum\'s base type; they are dropped' },
  'crd-additional-properties-preserved': { severities: W, raisedBy: 'crd', meaning: 'an object with both properties and additionalProperties; other keys are preserved unchecked' },
  'ts-no-spec': { severities: W, raisedBy: 'typescript', meaning: 'a kind without a spec object; no TypeScript is emitted for it' },
  'ts-kind-renamed': { severities: W, raisedBy: 'typescript', meaning: 'a kind whose name is reserved in TypeScript; its type is renamed' },
  'ts-arm-path-conflict': { severities: W, raisedBy: 'typescript', meaning: 'two properties want the same place in the ARM body; one is left out of the ARM shape' },
  'ts-variant-not-object': { severities: W, raisedBy: 'typescript', meaning: 'a union variant that is not an object; its ARM body gets no discriminator' },
  'ts-variant-conflict': { severities: W, raisedBy: 'typescript', meaning: 'a type is the variant of two unions with different discriminators; the first is kept' },
  'ts-discriminator-clash': { severities: W, raisedBy: 'typescript', meaning: 'a variant already has a property at the ARM discriminator; the discriminator is not added' },
  'client-invalid-kind': { severities: E, raisedBy: 'client', meaning: 'a kind the client emitter cannot address; no client for it' },
  'client-duplicate-kind': { severities: W, raisedBy: 'client', meaning: 'two resources are the same kind and version; the client of the first is kept' },
  'docs-example-invalid': { severities: W, raisedBy: 'docs', meaning: 'an x-ms-examples file that cannot be read or is not an example' },
  'docs-sample-failed': { severities: W, raisedBy: 'docs', meaning: 'converting an example to a Kubernetes sample failed; the page has no sample from it' },

  // CLI commands that read manifests and ARM bodies (render, import, validate)
  'invalid-yaml': { severities: E, raisedBy: 'cli', meaning: 'an input file is not valid YAML or JSON' },
  'not-one-object': { severities: E, raisedBy: 'render', meaning: 'render takes one Kubernetes object (besides Secrets)' },
  'not-an-object': { severities: E, raisedBy: 'render', meaning: 'a document that is not a Kubernetes object' },
  'unknown-kind': { severities: E, raisedBy: 'render, import', meaning: 'a kind (or ARM type) the generated code does not have' },
  'invalid-spec': { severities: E, raisedBy: 'render', meaning: 'the spec does not fit its kind (armkube validate says where)' },
  'invalid-secret': { severities: E, raisedBy: 'render', meaning: 'a secrets file document that is not a v1 Secret with string values' },
  'invalid-refs': { severities: E, raisedBy: 'render', meaning: 'the refs file is not a mapping of "<Kind>/<name>" to ARM IDs' },
  'unresolved': { severities: E, raisedBy: 'render', meaning: 'a reference or secret the refs and secrets files do not resolve' },
  'conversion-failed': { severities: E, raisedBy: 'render, import', meaning: 'the generated conversion (specToArm, armToSpec) threw on the input' },
  'invalid-arm-body': { severities: E, raisedBy: 'import', meaning: 'the input is not one ARM resource body or x-ms-examples file' },
  'ambiguous-arm-body': { severities: E, raisedBy: 'import', meaning: 'an x-ms-examples file with several object parameters; pass --parameter' },
  'no-arm-type': { severities: E, raisedBy: 'import', meaning: 'the body has no type and no id; pass --arm-type' },
  'no-owner': { severities: E, raisedBy: 'import', meaning: 'the owner cannot be found from the body; pass --owner' },
  'no-name': { severities: E, raisedBy: 'import', meaning: 'no Kubernetes name can be made from the body; pass --name' },
  'invalid-object': { severities: E, raisedBy: 'render', meaning: 'the object breaks its CRD schema or CEL rules (the same checks as validate)' },
  'wrong-resource-type': { severities: E, raisedBy: 'render', meaning: 'an inline armId names a resource type the reference does not allow' },
  'arm-type-mismatch': { severities: E, raisedBy: 'import', meaning: 'the body\'s id names another resource type than its type' },
  'wrong-owner': { severities: E, raisedBy: 'render, import', meaning: 'the owner\'s ARM ID is not of the owner kind\'s resource type' },
  'input-too-large': { severities: E, raisedBy: 'cli', meaning: 'an input file is over the size limit' },
  'input-unreadable': { severities: E, raisedBy: 'cli', meaning: 'an input file cannot be read' },
  'yaml-limit': { severities: E, raisedBy: 'cli', meaning: 'a YAML input has too many aliases (an alias bomb) or is too deep to read safely' },
  'internal-error': { severities: E, raisedBy: 'cli', meaning: 'a command stopped on an unexpected error (a bug in armkube); reported without a stack trace', crash: true },

  // generate and docs: the selection and the output folder
  'no-swagger': { severities: E, raisedBy: 'generate', meaning: 'the specs folder holds no Swagger document with resources; nothing is written' },
  'nothing-selected': { severities: E, raisedBy: 'generate', meaning: 'the selection (config, --group, --version) matches no resource; nothing is written (with did-you-mean)' },
  'output-refused': { severities: E, raisedBy: 'generate, docs', meaning: 'the output path is not a folder armkube wrote (or is a file, the specs, the current folder, a repository); nothing is touched' },
  'output-locked': { severities: E, raisedBy: 'generate, docs', meaning: 'another run writes into the same output folder' },
  'write-failed': { severities: E, raisedBy: 'generate, docs', meaning: 'writing the output failed (no space, no permission); the previous output is intact' },
  'interrupted': { severities: E, raisedBy: 'generate, docs', meaning: 'the run was stopped by SIGINT or SIGTERM; the previous output is intact' },
} as const satisfies Record<string, DiagnosticCodeInfo>;

/** A code of the registry. */
export type RegisteredCode = keyof typeof DIAGNOSTIC_CODES;

/** A code a stage or emitter of your own may raise: `x-` and anything. */
export type ExtensionCode = `x-${string}`;

/** Any code a diagnostic may carry. */
export type DiagnosticCode = RegisteredCode | ExtensionCode;

/** The codes the registry lists for `severity`, and extension codes. */
export type CodeOfSeverity<S extends Severity> =
  | { [C in RegisteredCode]: S extends (typeof DIAGNOSTIC_CODES)[C]['severities'][number] ? C : never }[RegisteredCode]
  | ExtensionCode;

/** The registered codes, sorted. */
export function registeredCodes(): RegisteredCode[] {
  return (Object.keys(DIAGNOSTIC_CODES) as RegisteredCode[]).sort();
}

/** What the registry says about `code`, or undefined for an extension code. */
export function codeInfo(code: string): DiagnosticCodeInfo | undefined {
  return Object.hasOwn(DIAGNOSTIC_CODES, code) ? DIAGNOSTIC_CODES[code as RegisteredCode] : undefined;
}

/** The codes that mean armkube itself failed (a stage or emitter threw, a bad stage order): nothing is written then. */
export const CRASH_CODES: ReadonlySet<DiagnosticCode> = new Set(registeredCodes().filter((c) => (DIAGNOSTIC_CODES[c] as DiagnosticCodeInfo).crash));

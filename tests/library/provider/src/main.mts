/**
 * The provider's generator: armkube's loader, model and pipeline with the provider's stages, the
 * built-in CRD emitter plus the provider's summary emitter, then the generated conversion code run
 * once. Usage: `node dist/main.mjs <specsDir> <outDir>`; prints a JSON report on stdout.
 */
import {
  crdEmitter,
  Diagnostics,
  formatDiagnostic,
  loadGeneratedFiles,
  loadSpecs,
  runEmitters,
  runPipeline,
  typescriptEmitter,
  writeOutput,
  type Property,
} from 'armkube';
import type { ResolvedReferences } from 'armkube/runtime';
import { DELETION_POLICY, providerStages } from './stages.mjs';
import { summaryEmitter } from './summary-emitter.mjs';

const [specsDir, outDir] = process.argv.slice(2);
if (!specsDir || !outDir) {
  console.error('usage: main.mjs <specsDir> <outDir>');
  process.exit(2);
}

const loaded = loadSpecs({
  specsDir,
  filter: (p) =>
    (p.namespace === 'Microsoft.Storage' && p.apiVersion === '2021-04-01') ||
    (p.namespace === 'Microsoft.KeyVault' && p.apiVersion !== undefined && !p.apiVersion.includes('preview')),
});
const stages = providerStages();
const result = runPipeline(loaded.model, stages, { options: { groupSuffix: 'azure.example.org' } });
const counts: Record<string, number> = {};
const emitted = await runEmitters(result.model, [crdEmitter, summaryEmitter], { count: (key, by = 1) => void (counts[key] = (counts[key] ?? 0) + by) });
const written = writeOutput(outDir, emitted.files);

// The generated conversion code, run: deletionPolicy is Kubernetes-only, so it stays out of the ARM body.
const code = await loadGeneratedFiles(typescriptEmitter.emit(result.model, { diagnostics: new Diagnostics('typescript'), count: () => {} }));
let armBody: unknown;
try {
  const account = code.findResource('Microsoft.Storage/storageAccounts', '2021-04-01');
  if (!account) throw new Error('no generated Microsoft.Storage/storageAccounts 2021-04-01');
  const spec = { azureName: 'examplestorage', owner: { name: 'example-rg' }, location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' }, deletionPolicy: 'Orphan' };
  const resolved: ResolvedReferences = { resources: new Map(), secrets: new Map() };
  armBody = account.specToArm(spec, resolved);
} finally {
  code.dispose();
}

const diagnostics = [...loaded.diagnostics, ...result.diagnostics, ...emitted.diagnostics];
const specProperty = (armType: string): Property | undefined => {
  for (const pkg of result.model.packages) {
    const resource = pkg.resources.find((r) => r.armType === armType);
    const spec = resource?.kubernetes?.specType ? pkg.types[resource.kubernetes.specType]?.type : undefined;
    if (spec?.kind === 'object') return spec.properties.find((p) => p.armName === DELETION_POLICY.armName);
  }
  return undefined;
};

console.log(
  JSON.stringify({
    stages: result.stages.map((s) => s.id),
    packages: result.model.packages.map((p) => `${p.namespace} ${p.apiVersion}`),
    counts: { ...result.counts, ...counts },
    errors: diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    deletionPolicy: { storageAccount: specProperty('Microsoft.Storage/storageAccounts'), vault: specProperty('Microsoft.KeyVault/vaults') },
    files: emitted.files.map((f) => f.path).sort(),
    written,
    armBody,
  }),
);

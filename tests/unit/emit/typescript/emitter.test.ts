/**
 * The text the TypeScript emitter writes for the fixtures: files and their places, interfaces with
 * their doc comments, ARM shapes re-nested by `armPath`, type mapping, converter signatures,
 * imports; and that the output is formatted and deterministic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { typescriptEmitter } from '../../../../generator/emit/typescript/index.js';
import { Printer } from '../../../../generator/emit/typescript/printer.js';
import { emitFixture, type Emitted } from './support.js';

/** The declaration that starts with `head` (up to the closing brace at the start of a line). */
function declaration(text: string, head: string): string {
  const start = text.indexOf(head);
  if (start < 0) throw new Error(`no declaration ${head}`);
  const end = text.indexOf('\n}', start);
  return text.slice(start, end + 2);
}

const DIR = 'ts/network.azure.com/v20230401';

describe('typescript emitter on pipeline/arm-references', () => {
  let out: Emitted;
  beforeAll(() => {
    out = emitFixture('pipeline/arm-references');
  });

  it('is the typescript emitter', () => {
    expect(typescriptEmitter.id).toBe('typescript');
  });

  it('writes one file per kind, the shared types of the folder and the registry', () => {
    expect(out.files.map((f) => f.path)).toEqual([
      'ts/index.ts',
      `${DIR}/NetworkSecurityGroup.ts`,
      `${DIR}/RouteTable.ts`,
      `${DIR}/VirtualNetwork.ts`,
      `${DIR}/VirtualNetworksSubnet.ts`,
      `${DIR}/types.ts`,
    ]);
    expect(out.counts['typescript.kinds']).toBe(4);
    expect(out.diagnostics.items).toEqual([]);
  });

  it('writes the resource interface with its apiVersion, kind, metadata, spec and status', () => {
    const resource = declaration(out.file(`${DIR}/VirtualNetwork.ts`), 'export interface VirtualNetwork {');
    expect(resource).toContain("apiVersion: 'network.azure.com/v20230401';");
    expect(resource).toContain("kind: 'VirtualNetwork';");
    expect(resource).toMatch(/metadata: \{ \[key: string\]: unknown; name: string; namespace\?: string;.*\};/);
    expect(resource).toContain('spec: VirtualNetwork_Spec;');
    expect(resource).toContain('status?: VirtualNetwork_STATUS;');
  });

  it('writes the spec with Kubernetes names, runtime reference types and the spec descriptions', () => {
    const spec = declaration(out.file(`${DIR}/VirtualNetwork.ts`), 'export interface VirtualNetwork_Spec {');
    expect(spec).toContain('  azureName?: string;');
    expect(spec).toContain('  owner: OwnerReference;');
    expect(spec).toContain('  /** The DDoS protection plan associated with the virtual network. */\n  ddosProtectionPlan?: ResourceReference;');
    expect(spec).toContain('  ipAllocations?: ResourceReference[];');
    expect(spec).toContain('  subnets?: Subnet[];');
    const subnet = declaration(out.file(`${DIR}/VirtualNetwork.ts`), 'export interface Subnet {');
    expect(subnet).toContain('  routeTableReference?: ResourceReference;');
    expect(subnet).toContain('  regionalRouteTableReferences?: Record<string, ResourceReference>;');
    expect(subnet).toContain('  trafficTargets?: Subnet_TrafficTargets[];');
  });

  it('writes the ARM body with ARM names, the properties envelope re-nested, references as IDs', () => {
    const file = out.file(`${DIR}/VirtualNetwork.ts`);
    const arm = declaration(file, 'export interface VirtualNetwork_ARM {');
    expect(arm).toContain('  location?: string;');
    expect(arm).toContain('  properties?: VirtualNetwork_Properties_ARM;');
    expect(arm).not.toMatch(/owner|azureName|conditions/);
    const envelope = declaration(file, 'export interface VirtualNetwork_Properties_ARM {');
    expect(envelope).toContain('  ddosProtectionPlan?: { id: string };');
    expect(envelope).toContain('  ipAllocations?: { id: string }[];');
    expect(envelope).toContain('  subnets?: Subnet_ARM[];');
    const subnet = declaration(file, 'export interface Subnet_Properties_ARM {');
    expect(subnet).toContain('  routeTableId?: string;');
    expect(subnet).toContain('  regionalRouteTableIds?: Record<string, string>;');
    expect(declaration(file, 'export interface Subnet_TrafficTargets_ARM {')).toContain('  id?: string;');
  });

  it('writes the ARM response shape of the status, without the conditions', () => {
    const file = out.file(`${DIR}/VirtualNetwork.ts`);
    expect(declaration(file, 'export interface VirtualNetwork_STATUS {')).toContain('  conditions?: Condition_KubernetesStatus[];');
    const arm = declaration(file, 'export interface VirtualNetwork_STATUS_ARM {');
    expect(arm).toContain('  etag?: string;');
    expect(arm).toContain('  properties?: VirtualNetwork_STATUS_Properties_ARM;');
    expect(arm).not.toContain('conditions');
  });

  it('writes one converter per named type, with the context it needs', () => {
    const file = out.file(`${DIR}/VirtualNetwork.ts`);
    expect(file).toContain('export function collectReferences(spec: VirtualNetwork_Spec): CollectedReferences {');
    expect(file).toContain('export function specToArm(spec: VirtualNetwork_Spec, resolved: ResolvedReferences): VirtualNetwork_ARM {');
    expect(file).toContain('export function armToSpec(body: VirtualNetwork_ARM & { id?: string; name?: string }, owner?: OwnerReference): { spec: VirtualNetwork_Spec; secrets: ExtractedSecret[] } {');
    expect(file).toContain('export function armToStatus(body: VirtualNetwork_STATUS_ARM): VirtualNetwork_STATUS {');
    expect(file).toContain('export function subnet_specToArm(value: Subnet, resolved: ResolvedReferences, path: string): Subnet_ARM {');
    expect(file).toContain('export function subnet_armToSpec(value: Subnet_ARM): Subnet {');
    expect(file).toContain('export function subnet_collectReferences(value: Subnet, path: string, out: CollectedReferences): void {');
    // Types without references need neither the resolved values nor a path.
    expect(file).toContain('export function addressSpace_specToArm(value: AddressSpace): AddressSpace_ARM {');
    expect(file).not.toContain('addressSpace_collectReferences');
    expect(declaration(file, 'export function subnet_specToArm(')).toContain(
      "if (value.natGateway != null) properties.natGateway = { id: resolveReference(resolved, value.natGateway, `${path}.natGateway`) };",
    );
  });

  it('puts types several kinds use in types.ts and imports them; a kind file imports only the runtime and types.ts', () => {
    const shared = out.file(`${DIR}/types.ts`);
    expect(shared).toContain('export interface Condition_KubernetesStatus {');
    expect(shared).toContain('export interface SubResource_STATUS {');
    // The NetworkSecurityGroup embedded in the Subnet status is a copy of its own (no conditions),
    // in the subnet's file; the kind's own status stays in the kind's file.
    expect(out.file(`${DIR}/VirtualNetworksSubnet.ts`)).toContain('export interface NetworkSecurityGroup_STATUS2 {');
    expect(out.file(`${DIR}/NetworkSecurityGroup.ts`)).toContain('export interface NetworkSecurityGroup_STATUS {');
    expect(shared).not.toContain('export interface NetworkSecurityGroup_STATUS {');
    expect(out.file(`${DIR}/VirtualNetwork.ts`)).not.toContain('export interface Condition_KubernetesStatus');
    for (const f of out.files) {
      const specifiers = [...f.content.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      for (const s of specifiers) expect(s === 'armkube/runtime' || s.startsWith('./'), `${f.path} imports ${s}`).toBe(true);
    }
    expect(out.file(`${DIR}/VirtualNetwork.ts`)).toMatch(/^import \{ type Condition_KubernetesStatus, .*subResource_STATUS_armToStatus, subnet_STATUS_armToStatus \} from '\.\/types\.js';$/m);
  });

  it('writes the registry with one descriptor per kind', () => {
    const index = out.file('ts/index.ts');
    expect(index).toContain("import * as network_v20230401_VirtualNetwork from './network.azure.com/v20230401/VirtualNetwork.js';");
    expect(index).toContain('export const resources: readonly ResourceDescriptor[] = [');
    expect(index).toContain("    armType: 'Microsoft.Network/virtualNetworks/subnets',\n    armApiVersion: '2023-04-01',\n    collectReferences: network_v20230401_VirtualNetworksSubnet.collectReferences,");
    expect(index).toContain('export function findResource(armType: string, armApiVersion: string): ResourceDescriptor | undefined {');
  });

  it('writes formatted text: ts-morph formatText() changes nothing', () => {
    const printer = new Printer();
    for (const f of out.files) expect(printer.formatted(f.path, f.content), f.path).toBe(f.content);
  });

  it('is deterministic', () => {
    const again = emitFixture('pipeline/arm-references');
    expect(again.files).toEqual(out.files);
  });
});

describe('typescript emitter on other fixtures', () => {
  it('nests envelopes inside envelopes and makes an envelope with a required property required (flatten-properties)', () => {
    const file = emitFixture('pipeline/flatten-properties').file(`${DIR}/VirtualNetwork.ts`);
    expect(declaration(file, 'export interface VirtualNetwork_Spec {')).toContain('  addressSpace: AddressSpace;');
    const arm = declaration(file, 'export interface VirtualNetwork_ARM {');
    expect(arm).toContain('  properties: VirtualNetwork_Properties_ARM;');
    const envelope = declaration(file, 'export interface VirtualNetwork_Properties_ARM {');
    expect(envelope).toContain('  addressSpace: AddressSpace_ARM;');
    expect(envelope).toContain("  kind?: 'Static' | 'Dynamic';");
    expect(envelope).toContain('  ddosSettings?: VirtualNetwork_Properties_DdosSettings_ARM;');
    expect(file).toContain("  /** The `properties.ddosSettings` envelope of VirtualNetwork_ARM. */".trim());
    expect(declaration(file, 'export function specToArm(')).toContain('if (spec.propertiesKind != null) properties.kind = spec.propertiesKind;');
  });

  it('writes closed enums as literal unions and open ones (known values) with any string beside', () => {
    const file = emitFixture('pipeline/flatten-properties').file(`${DIR}/VirtualNetwork.ts`);
    expect(declaration(file, 'export interface VirtualNetwork_Spec {')).toContain("  propertiesKind?: 'Static' | 'Dynamic';");
    expect(declaration(file, 'export interface VirtualNetwork_STATUS {')).toContain("  propertiesKind?: 'Static' | 'Dynamic' | (string & {});");
  });

  it('writes secret references, and secret values as strings in ARM (secrets)', () => {
    const file = emitFixture('pipeline/secrets').file('ts/test.azure.com/v20210101/Widget.ts');
    const spec = declaration(file, 'export interface Widget_Spec {');
    expect(spec).toContain('  adminPassword?: SecretReference;');
    expect(spec).toContain('  apiKeys?: SecretReference[];');
    expect(spec).toContain('  namedSecrets?: Record<string, SecretReference>;');
    expect(spec).toContain('  protectedSettings?: unknown;');
    const arm = declaration(file, 'export interface Widget_Properties_ARM {');
    expect(arm).toContain('  adminPassword?: string;');
    expect(arm).toContain('  namedSecrets?: Record<string, string>;');
    expect(file).toContain("  const sink = secretSink('widget-secrets', body.name);");
    expect(file).toContain('export function widgetCredentials_armToSpec(value: WidgetCredentials_ARM, sink: SecretSink, path: string): WidgetCredentials {');
  });

  it('writes a union as one property per variant, and its ARM shape as the union of variants carrying the discriminator (discriminated-unions)', () => {
    const file = emitFixture('pipeline/discriminated-unions').file('ts/test.azure.com/v20210101/Widget.ts');
    const union = declaration(file, 'export interface LinkedService {');
    expect(union).toContain('  azureBlobStorageLinkedService?: AzureBlobStorageLinkedService;');
    expect(union).toContain('  azureSqlLinkedService2?: AzureSql_LinkedService;');
    expect(file).toContain(
      'export type LinkedService_ARM = AzureBlobStorageLinkedService_ARM | AzureSqlLinkedService_ARM | AzureSql_LinkedService_ARM | ExecutionLinkedService_ARM | HdiLinkedService_ARM;',
    );
    expect(declaration(file, 'export interface AzureBlobStorageLinkedService_ARM {')).toContain("  type: 'AzureBlobStorage';\n  description?: string;\n  connectionString: string;");
    expect(declaration(file, 'export interface AzureBlobStorageLinkedService_STATUS_ARM {')).toContain("  type?: 'AzureBlobStorage';");
    // Its connectionString is a credential (credential-rule.ts): the variant's converter takes the secret sink.
    expect(declaration(file, 'export function linkedService_armToSpec(')).toContain(
      "    case 'AzureBlobStorage':\n      return { azureBlobStorageLinkedService: azureBlobStorageLinkedService_armToSpec(value, sink, `${path}.azureBlobStorageLinkedService`) };",
    );
  });

  it('writes a polymorphic resource body as the union of its variants (discriminated-unions)', () => {
    const file = emitFixture('pipeline/discriminated-unions').file('ts/test.azure.com/v20210101/Job.ts');
    expect(file).toContain('export type Job_ARM = CopyJob_ARM;');
    expect(declaration(file, 'export interface CopyJob_ARM {')).toContain("  kind: 'copy';");
  });

  it('writes a kind whose PUT has no body with an empty spec (spec-status)', () => {
    const out = emitFixture('pipeline/spec-status');
    expect(out.diagnostics.items.map((d) => d.code)).not.toContain('ts-no-spec');
    expect(declaration(out.file('ts/contoso.vaults.azure.com/v20220301/VaultsLock.ts'), 'export interface VaultsLock_Spec {')).toContain('owner');
    expect(out.file('ts/index.ts')).toContain('VaultsLock');
  });
});

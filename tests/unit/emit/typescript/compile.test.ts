/**
 * The emitted code of four fixtures compiles with `tsc --strict`, and runs: ARM bodies written by
 * hand go through `armToSpec` and back through `specToArm` unchanged but for what is read-only,
 * references and secrets are collected with their paths and resolved (or fail naming the path),
 * unions choose their variant, and the registry lists every kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedReferences, ExtractedSecret, OwnerReference, ResolvedReferences } from '../../../../generator/runtime/index.js';
import { referenceKey, secretKey } from '../../../../generator/runtime/index.js';
import { emitFixture, emitModel, handPackage, importGenerated, removeDir, tempDir, transpile, typeCheck, writeFiles } from './support.js';

const FIXTURES = ['arm-references', 'flatten-properties', 'secrets', 'discriminated-unions'];

interface KindModule {
  collectReferences(spec: unknown): CollectedReferences;
  specToArm(spec: unknown, resolved: ResolvedReferences): Record<string, unknown>;
  armToSpec(body: unknown, owner?: OwnerReference): { spec: Record<string, unknown>; secrets: ExtractedSecret[] };
  armToStatus(body: unknown): Record<string, unknown>;
}

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg';
const NET = `${SUB}/providers/Microsoft.Network`;

function resolvedFrom(secrets: ExtractedSecret[] = [], resources: [string, string][] = []): ResolvedReferences {
  return { resources: new Map(resources), secrets: new Map(secrets.map((s) => [secretKey(s.reference), s.value])) };
}

/** `body` without the listed paths (dot-separated, `*` for every element of an array). */
function without<T>(body: T, ...paths: string[]): T {
  const copy = structuredClone(body) as unknown;
  for (const p of paths) {
    const remove = (node: unknown, keys: string[]): void => {
      if (node === null || typeof node !== 'object') return;
      const [head, ...rest] = keys;
      if (head === '*' && Array.isArray(node)) for (const item of node) remove(item, rest);
      else if (rest.length === 0) delete (node as Record<string, unknown>)[head];
      else remove((node as Record<string, unknown>)[head], rest);
    };
    remove(copy, p.split('.'));
  }
  return copy as T;
}

let dir: string | undefined;
let check: ReturnType<typeof typeCheck>;
const kinds = new Map<string, KindModule>();

async function kind(fixture: string, group: string, version: string, name: string): Promise<KindModule> {
  const key = `${fixture}/${name}`;
  if (!kinds.has(key)) kinds.set(key, await importGenerated<KindModule>(dir!, `${fixture}/ts/${group}/${version}/${name}.ts`));
  return kinds.get(key)!;
}

beforeAll(() => {
  dir = tempDir();
  for (const fixture of FIXTURES) writeFiles(dir, emitFixture(`pipeline/${fixture}`).files, fixture);
  writeFiles(dir, emitModel({ packages: [handPackage()] }).files, 'hand');
  check = typeCheck(dir);
  transpile(dir);
});

afterAll(() => removeDir(dir));

describe('the emitted TypeScript of the fixtures', () => {
  it('compiles with tsc --strict without errors', () => {
    expect(check.errors).toEqual([]);
  });

  it('is checked for real: a type error in an emitted file is reported', () => {
    const broken = tempDir();
    try {
      const files = emitFixture('pipeline/secrets').files.map((f) =>
        f.path.endsWith('/Widget.ts') ? { ...f, content: f.content.replace('const sink = secretSink(', 'const sink: number = secretSink(') } : f,
      );
      writeFiles(broken, files);
      const result = typeCheck(broken);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors.join('\n')).toMatch(/Widget\.ts.*TS2322/);
    } finally {
      removeDir(broken);
    }
  });
});

describe('virtual network with references (pipeline/arm-references)', () => {
  const body = {
    id: `${NET}/virtualNetworks/vnet`,
    name: 'vnet',
    type: 'Microsoft.Network/virtualNetworks',
    etag: 'W/"1"',
    location: 'westeurope',
    tags: { env: 'test' },
    properties: {
      addressSpace: { addressPrefixes: ['10.0.0.0/16', '10.1.0.0/16'] },
      subnets: [
        {
          id: `${NET}/virtualNetworks/vnet/subnets/default`,
          name: 'default',
          etag: 'W/"2"',
          properties: {
            addressPrefix: '10.0.0.0/24',
            networkSecurityGroup: { id: `${NET}/networkSecurityGroups/nsg` },
            natGateway: { id: `${NET}/natGateways/ng` },
            routeTableId: `${NET}/routeTables/rt`,
            regionalRouteTableIds: { eastus: `${NET}/routeTables/rt-east` },
            trafficTargets: [{ id: `${NET}/loadBalancers/lb`, weight: 3 }],
            maintenanceWindow: { id: '6f1a7d1e-7c4f-4a8e-9d0b-3b2a1c0d9e8f', startHour: 2 },
            provisioningState: 'Succeeded',
          },
        },
      ],
      ddosProtectionPlan: { id: `${NET}/ddosProtectionPlans/plan` },
      ipAllocations: [{ id: `${NET}/IpAllocations/a1` }, { id: `${NET}/IpAllocations/a2` }],
    },
  };

  it('round-trips an ARM body: specToArm(armToSpec(body)) is the body without read-only properties', async () => {
    const vnet = await kind('arm-references', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    const { spec, secrets } = vnet.armToSpec(body);
    expect(secrets).toEqual([]);
    expect(spec.owner).toEqual({ armId: SUB });
    expect(spec.azureName).toBe('vnet');
    const subnets = spec.subnets as Record<string, unknown>[];
    expect(subnets[0].natGateway).toEqual({ armId: `${NET}/natGateways/ng` });
    expect(subnets[0].routeTableReference).toEqual({ armId: `${NET}/routeTables/rt` });
    expect(vnet.specToArm(spec, resolvedFrom())).toEqual(without(body, 'id', 'name', 'type', 'etag', 'properties.subnets.*.etag', 'properties.subnets.*.properties.provisioningState'));
  });

  it('collects every reference with its path', async () => {
    const vnet = await kind('arm-references', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    const collected = vnet.collectReferences(vnet.armToSpec(body).spec);
    expect(collected.secrets).toEqual([]);
    expect(collected.resources.map((r) => r.path)).toEqual([
      'spec.subnets[0].networkSecurityGroup',
      'spec.subnets[0].natGateway',
      'spec.subnets[0].routeTableReference',
      'spec.subnets[0].regionalRouteTableReferences["eastus"]',
      'spec.subnets[0].trafficTargets[0].reference',
      'spec.ddosProtectionPlan',
      'spec.ipAllocations[0]',
      'spec.ipAllocations[1]',
    ]);
    expect(collected.resources[5].reference).toEqual({ armId: `${NET}/ddosProtectionPlans/plan` });
  });

  it('resolves references by Kubernetes name, and names the path of one it cannot resolve', async () => {
    const vnet = await kind('arm-references', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    const natGateway = { group: 'network.azure.com', kind: 'NatGateway', name: 'my-nat' };
    const spec = { owner: { name: 'rg' }, location: 'westeurope', subnets: [{ name: 'default', natGateway, addressPrefix: '10.0.0.0/24' }] };
    expect(() => vnet.specToArm(spec, resolvedFrom())).toThrow(/spec\.subnets\[0\]\.natGateway.*network\.azure\.com\/NatGateway\/my-nat/);
    const arm = vnet.specToArm(spec, resolvedFrom([], [[referenceKey(natGateway), `${NET}/natGateways/my-nat`]]));
    expect(arm).toEqual({ location: 'westeurope', properties: { subnets: [{ name: 'default', properties: { addressPrefix: '10.0.0.0/24', natGateway: { id: `${NET}/natGateways/my-nat` } } }] } });
  });

  it('leaves owner and azureName out of the body, and takes the owner given to armToSpec', async () => {
    const vnet = await kind('arm-references', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    expect(vnet.specToArm({ owner: { name: 'rg' }, azureName: 'vnet', location: 'westeurope' }, resolvedFrom())).toEqual({ location: 'westeurope' });
    expect(vnet.armToSpec({ location: 'westeurope' }, { name: 'my-rg' }).spec).toEqual({ owner: { name: 'my-rg' }, location: 'westeurope' });
    expect(() => vnet.armToSpec({ location: 'westeurope' })).toThrow(/no id/);
  });

  it('reads the status of a GET response, through a status another kind embeds', async () => {
    const subnet = await kind('arm-references', 'network.azure.com', 'v20230401', 'VirtualNetworksSubnet');
    const status = subnet.armToStatus({
      id: `${NET}/virtualNetworks/vnet/subnets/default`,
      name: 'default',
      properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: `${NET}/networkSecurityGroups/nsg`, properties: { flushConnection: true } }, provisioningState: 'Succeeded' },
    });
    expect(status).toEqual({
      id: `${NET}/virtualNetworks/vnet/subnets/default`,
      name: 'default',
      addressPrefix: '10.0.0.0/24',
      networkSecurityGroup: { id: `${NET}/networkSecurityGroups/nsg`, flushConnection: true },
      provisioningState: 'Succeeded',
    });
  });
});

describe('flattening (pipeline/flatten-properties)', () => {
  const body = {
    id: `${NET}/virtualNetworks/vnet`,
    name: 'vnet',
    type: 'Microsoft.Network/virtualNetworks',
    etag: 'W/"1"',
    location: 'westeurope',
    kind: 'portal',
    properties: {
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      dhcpOptions: { dnsServers: ['10.0.0.4'] },
      subnets: [{ id: `${NET}/virtualNetworks/vnet/subnets/a`, name: 'a', properties: { addressPrefix: '10.0.1.0/24', provisioningState: 'Succeeded' } }],
      kind: 'Static',
      type: 'Regional',
      ddosSettings: { protectionMode: 'Enabled', planName: 'standard', detectedAttacks: 4 },
      encryption: { enabled: true, properties: { enforcement: 'DropUnencrypted' } },
      provisioningState: 'Succeeded',
    },
  };

  it('puts flattened properties back into nested envelopes, renamed ones under their ARM name', async () => {
    const vnet = await kind('flatten-properties', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    const { spec } = vnet.armToSpec(body);
    expect(spec).toMatchObject({ kind: 'portal', propertiesKind: 'Static', type: 'Regional', protectionMode: 'Enabled', planName: 'standard', addressSpace: { addressPrefixes: ['10.0.0.0/16'] } });
    expect(vnet.specToArm(spec, resolvedFrom())).toEqual(
      without(body, 'id', 'name', 'type', 'etag', 'properties.provisioningState', 'properties.ddosSettings.detectedAttacks', 'properties.subnets.*.properties.provisioningState'),
    );
  });

  it('always writes an envelope that holds a required property, and leaves out an empty optional one', async () => {
    const vnet = await kind('flatten-properties', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    expect(vnet.specToArm({ owner: { name: 'rg' }, addressSpace: {} }, resolvedFrom())).toEqual({ properties: { addressSpace: {} } });
  });

  it('fills the status with read-only values, and leaves conditions alone', async () => {
    const vnet = await kind('flatten-properties', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    const status = vnet.armToStatus(body);
    expect(status).toMatchObject({ id: body.id, etag: 'W/"1"', propertiesKind: 'Static', propertiesType: 'Regional', detectedAttacks: 4, provisioningState: 'Succeeded' });
    expect(status).not.toHaveProperty('conditions');
  });
});

describe('secrets (pipeline/secrets)', () => {
  const body = {
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Test/widgets/w1',
    name: 'w1',
    type: 'Microsoft.Test/widgets',
    location: 'westeurope',
    properties: {
      adminUsername: 'admin',
      adminPassword: 'p@ss',
      connectionPassword: 'c0nn',
      apiKeys: ['k1', 'k2'],
      namedSecrets: { primary: 's1', 'odd key/with slash': 's2' },
      sharedKey: 'shared',
      protectedSettings: { anything: [1, 2] },
      signingKeyId: 'https://vault.example/keys/k',
      credentials: { username: 'u', clientSecret: 'cs' },
      provisioningState: 'Succeeded',
    },
  };

  it('moves secret values out of the spec into Secret keys, and resolves them back', async () => {
    const widget = await kind('secrets', 'test.azure.com', 'v20210101', 'Widget');
    const { spec, secrets } = widget.armToSpec(body);
    expect(spec.adminPassword).toEqual({ name: 'w1-widget-secrets', key: 'adminPassword' });
    expect(secrets.map((s) => [s.reference.key, s.value])).toEqual([
      ['adminPassword', 'p@ss'],
      ['connectionPassword', 'c0nn'],
      ['apiKeys.0', 'k1'],
      ['apiKeys.1', 'k2'],
      ['namedSecrets.primary', 's1'],
      ['namedSecrets.odd_key_with_slash', 's2'],
      // No x-ms-secret: a credential by the credential rule.
      ['sharedKey', 'shared'],
      ['signingKeyId', 'https://vault.example/keys/k'],
      ['credentials.clientSecret', 'cs'],
    ]);
    expect(JSON.stringify(spec)).not.toMatch(/p@ss|c0nn|"cs"|"shared"/);
    expect(widget.specToArm(spec, resolvedFrom(secrets))).toEqual(without(body, 'id', 'name', 'type', 'properties.provisioningState'));
  });

  it('collects secret references, and names the path of a secret that is not resolved', async () => {
    const widget = await kind('secrets', 'test.azure.com', 'v20210101', 'Widget');
    const { spec, secrets } = widget.armToSpec(body);
    expect(widget.collectReferences(spec).secrets.map((s) => s.path)).toEqual([
      'spec.adminPassword',
      'spec.connectionPassword',
      'spec.apiKeys[0]',
      'spec.apiKeys[1]',
      'spec.namedSecrets["primary"]',
      'spec.namedSecrets["odd key/with slash"]',
      'spec.sharedKey',
      'spec.signingKeyId',
      'spec.credentials.clientSecret',
    ]);
    expect(() => widget.specToArm(spec, resolvedFrom(secrets.filter((s) => s.reference.key !== 'credentials.clientSecret')))).toThrow(/spec\.credentials\.clientSecret.*w1-widget-secrets\/credentials\.clientSecret/);
  });
});

describe('unions (pipeline/discriminated-unions)', () => {
  const body = {
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Test/widgets/w1',
    name: 'w1',
    type: 'Microsoft.Test/widgets',
    location: 'westeurope',
    properties: {
      linkedService: { type: 'AzureBlobStorage', description: 'blob', connectionString: 'DefaultEndpointsProtocol=https' },
      policies: [
        { instanceType: 'A2A', recoveryPointHistory: 24 },
        { instanceType: 'HyperV2012R2', compression: 'on', replicationFrequency: 30 },
        { instanceType: 'HyperV2012', compression: 'off' },
      ],
      ruleSet: { ruleSetType: 'Unknown', priority: 1 },
      shape: { shapeType: 'circle', area: 3.5 },
    },
  };

  it('reads the variant the discriminator names and writes it back with its discriminator', async () => {
    const widget = await kind('discriminated-unions', 'test.azure.com', 'v20210101', 'Widget');
    const { spec, secrets } = widget.armToSpec(body);
    // A connection string is a credential (credential-rule.ts): a secret reference, even inside a union variant.
    const connectionString = { name: 'w1-widget-secrets', key: 'linkedService.azureBlobStorageLinkedService.connectionString' };
    expect(spec.linkedService).toEqual({ azureBlobStorageLinkedService: { description: 'blob', connectionString } });
    expect(secrets).toEqual([{ reference: connectionString, value: 'DefaultEndpointsProtocol=https' }]);
    expect(spec.policies).toEqual([{ a2APolicyInput: { recoveryPointHistory: 24 } }, { hyperVR2PolicyInput: { compression: 'on', replicationFrequency: 30 } }, { hyperVPolicyInput: { compression: 'off' } }]);
    expect(spec.ruleSet).toEqual({ ruleSet: { priority: 1 } });
    expect(widget.specToArm(spec, resolvedFrom(secrets))).toEqual(without(body, 'id', 'name', 'type'));
  });

  it('rejects a union with no variant or two variants set, and an unknown discriminator value', async () => {
    const widget = await kind('discriminated-unions', 'test.azure.com', 'v20210101', 'Widget');
    const owner = { name: 'rg' };
    expect(() => widget.specToArm({ owner, linkedService: {} }, resolvedFrom())).toThrow(/spec\.linkedService: set exactly one of .*\(0 set\)/);
    expect(() => widget.specToArm({ owner, linkedService: { azureSqlLinkedService: {}, hdiLinkedService: {} } }, resolvedFrom())).toThrow(/\(2 set\)/);
    expect(() => widget.armToSpec({ ...body, properties: { linkedService: { type: 'Nope' } } })).toThrow(/LinkedService: unknown type "Nope"/);
    expect(widget.armToStatus({ properties: { linkedService: { type: 'Nope' } } }).linkedService).toEqual({});
  });

  it('converts a polymorphic resource body through its variant', async () => {
    const job = await kind('discriminated-unions', 'test.azure.com', 'v20210101', 'Job');
    const jobBody = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Test/jobs/j1', name: 'j1', type: 'Microsoft.Test/jobs', kind: 'copy', location: 'westeurope', source: 'blob://a' };
    const { spec } = job.armToSpec(jobBody);
    expect(spec).toEqual({ owner: { armId: '/subscriptions/s/resourceGroups/rg' }, azureName: 'j1', copyJob: { location: 'westeurope', source: 'blob://a' } });
    expect(job.specToArm(spec, resolvedFrom())).toEqual({ kind: 'copy', location: 'westeurope', source: 'blob://a' });
    expect(job.armToStatus(jobBody)).toEqual({ copyJob: { id: jobBody.id, name: 'j1', type: 'Microsoft.Test/jobs', location: 'westeurope', source: 'blob://a' } });
  });
});

describe('renamed types and additionalProperties (hand-built package)', () => {
  it('passes the extra keys of an object with additionalProperties to ARM and into the status, as they are', async () => {
    const widget = await kind('hand', 'test.azure.com', 'v20210101', 'Widget');
    const spec = { owner: { name: 'rg' }, widget: { size: 'L', colour: 'red', layers: [1, 2] }, error: { message: 'none' }, bag: { any: 'thing' }, settings: { level: 3 } };
    expect(widget.specToArm(spec, resolvedFrom())).toEqual({ properties: { widget: { size: 'L', colour: 'red', layers: [1, 2] } }, error: { message: 'none' }, bag: { any: 'thing' }, settings: { level: 3 } });
    expect(widget.armToStatus({ id: 'x', properties: { size: 'L' }, extra: { a: 1 } })).toEqual({ id: 'x', size: 'L', extra: { a: 1 } });
    // Not in the spec: there, unknown keys may be read-only properties.
    expect(widget.armToSpec({ properties: { widget: { size: 'L', colour: 'red' } } }, { name: 'rg' }).spec).toEqual({ owner: { name: 'rg' }, widget: { size: 'L' } });
  });
});

describe('the registry', () => {
  it('lists every kind with its conversion functions, found by ARM type and api-version', async () => {
    const registry = await importGenerated<{
      resources: { group: string; kind: string; plural: string; armType: string; armApiVersion: string; specToArm: unknown }[];
      findResource(armType: string, apiVersion: string): { kind: string; specToArm: unknown } | undefined;
    }>(dir!, 'arm-references/ts/index.ts');
    expect(registry.resources.map((r) => `${r.group} ${r.kind} ${r.plural} ${r.armType} ${r.armApiVersion}`)).toEqual([
      'network.azure.com NetworkSecurityGroup networksecuritygroups Microsoft.Network/networkSecurityGroups 2023-04-01',
      'network.azure.com RouteTable routetables Microsoft.Network/routeTables 2023-04-01',
      'network.azure.com VirtualNetwork virtualnetworks Microsoft.Network/virtualNetworks 2023-04-01',
      'network.azure.com VirtualNetworksSubnet virtualnetworkssubnets Microsoft.Network/virtualNetworks/subnets 2023-04-01',
    ]);
    const vnet = await kind('arm-references', 'network.azure.com', 'v20230401', 'VirtualNetwork');
    const found = registry.findResource('microsoft.network/VIRTUALNETWORKS', '2023-04-01');
    expect(found?.kind).toBe('VirtualNetwork');
    expect(found?.specToArm).toBe(vnet.specToArm);
    expect(registry.findResource('Microsoft.Network/virtualNetworks', '2020-01-01')).toBeUndefined();
  });
});

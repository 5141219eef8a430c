/**
 * The plan of a package: hoisted inline types, names that stay unique (kinds first), placement
 * in kind files or the shared file, what each type needs, variants' discriminators.
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../../generator/diagnostics.js';
import type { EmitContext } from '../../../../generator/emit/emitter.js';
import { hoistInlineTypes, planPackage, SHARED, type PackagePlan } from '../../../../generator/emit/typescript/plan.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { loadFixture, onlyPackage, runStages } from '../../../helpers.js';
import { emitModel, handPackage, removeDir, tempDir, typeCheck, writeFiles } from './support.js';

function context(): EmitContext & { diagnostics: Diagnostics } {
  return { diagnostics: new Diagnostics('typescript'), count: () => undefined };
}

function fixturePlan(relative: string): PackagePlan {
  const pkg = onlyPackage(runStages(loadFixture(relative).model, [...asoStages]).model);
  return planPackage(pkg, 'ts/x/v1', 'types', context());
}

describe('the plan of a package', () => {
  it('hoists inline objects into named types after their owner, _STATUS last', () => {
    const pkg = onlyPackage(runStages(loadFixture('pipeline/arm-references').model, [...asoStages]).model);
    const hoisted = hoistInlineTypes(pkg);
    const names = Object.keys(hoisted);
    expect(names.indexOf('Subnet_TrafficTargets')).toBe(names.indexOf('Subnet') + 1);
    expect(hoisted.Subnet_TrafficTargets_STATUS.side).toBe('status');
    const subnet = hoisted.Subnet.type;
    expect(subnet.kind === 'object' && subnet.properties.find((p) => p.name === 'trafficTargets')!.type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'Subnet_TrafficTargets' } });
  });

  it('gives the kind its own name: model types named like a kind or a global get a suffix', () => {
    const plan = planPackage(handPackage(), 'ts/test.azure.com/v20210101', 'types', context());
    expect(plan.kinds[0].tsName).toBe('Widget');
    expect(plan.kinds[0].spec.armName).toBe('Widget_ARM');
    expect(plan.get('Widget')!.tsName).toBe('Widget2');
    expect(plan.get('Widget')!.armName).toBe('Widget2_ARM');
    expect(plan.get('Error')!.tsName).toBe('Error2');
    expect(plan.get('Widget_Settings')!.tsName).toBe('Widget_Settings');
    expect(plan.get('Widget')!.functions.specToArm).toBe('widget2_specToArm');
  });

  it('writes and compiles what it renamed (hand-built package)', () => {
    const out = emitModel({ packages: [handPackage()] });
    const file = out.file('ts/test.azure.com/v20210101/Widget.ts');
    expect(file).toContain('export interface Widget2 {');
    expect(file).toContain('  widget?: Widget2;');
    expect(file).toContain('  error?: Error2;');
    expect(file).toContain('export interface Widget_Properties_ARM {\n  widget?: Widget2_ARM;\n}');
    const dir = tempDir();
    try {
      writeFiles(dir, out.files);
      expect(typeCheck(dir).errors).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });

  it('places a type used by one kind in its file, by several in the shared file', () => {
    const plan = fixturePlan('pipeline/arm-references');
    const vnet = plan.kinds.find((k) => k.tsName === 'VirtualNetwork')!;
    expect(plan.get('Subnet')!.home).toBe(vnet.key);
    expect(plan.get('AddressSpace')!.home).toBe(vnet.key);
    expect(plan.get('SubResource_STATUS')!.home).toBe(SHARED);
    expect(plan.get('Condition_KubernetesStatus')!.home).toBe(SHARED);
    expect(vnet.spec.inline).toBe(true);
    expect(vnet.spec.home).toBe(vnet.key);
    // The kind's own status is its own; the copy embedded in the Subnet status is another type.
    const nsgStatus = plan.get('NetworkSecurityGroup_STATUS')!;
    expect(nsgStatus.inline).toBe(true);
    expect(plan.get('NetworkSecurityGroup_STATUS2')!.home).not.toBe(SHARED);
  });

  it('knows which conversions each type needs', () => {
    const plan = fixturePlan('pipeline/arm-references');
    const subnet = plan.get('Subnet')!;
    expect([subnet.spec, subnet.status, subnet.hasReferences, subnet.hasSecrets]).toEqual([true, false, true, false]);
    expect(plan.get('AddressSpace')!.hasReferences).toBe(false);
    const condition = plan.get('Condition_KubernetesStatus')!;
    // Reached only through `conditions`, which is not part of the ARM payload: no ARM shape is needed.
    expect([condition.spec, condition.status]).toEqual([false, false]);
    expect(plan.get('Subnet_STATUS')!.functions.armToStatus).toBe('subnet_STATUS_armToStatus');
    const secrets = fixturePlan('pipeline/secrets');
    expect(secrets.get('WidgetCredentials')!.hasSecrets).toBe(true);
    expect(secrets.kinds[0].spec.hasSecrets).toBe(true);
  });

  it("tags each variant object with its union's discriminator", () => {
    const plan = fixturePlan('pipeline/discriminated-unions');
    expect(plan.get('AzureBlobStorageLinkedService')!.variant).toEqual({ discriminator: 'type', value: 'AzureBlobStorage' });
    expect(plan.get('HyperVPolicyInput_HyperV2012')!.variant).toEqual({ discriminator: 'instanceType', value: 'HyperV2012' });
    expect(plan.get('CopyJob')!.variant).toEqual({ discriminator: 'kind', value: 'copy' });
    expect(plan.get('Shape')!.variant).toBeUndefined();
    expect(plan.get('LinkedService')!.hasUnions).toBe(true);
  });
});

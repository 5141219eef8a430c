import { describe, expect, it } from 'vitest';
import { CONDITION_TYPE_NAME, statusConditionsStage } from '../../../generator/pipeline/status-conditions.js';
import { onlyPackage } from '../../helpers.js';
import { propertiesOf, runStageAlone, stageAlone } from './stage-helpers.js';

const FIXTURE = 'pipeline/status-conditions';
const FILE = 'specification/test/resource-manager/Microsoft.Test/stable/2021-01-01/test.json';

describe('status-conditions', () => {
  it('adds a Condition type, named apart from the ARM Condition, shaped like ASO conditions.Condition', async () => {
    const { model } = await stageAlone(FIXTURE, statusConditionsStage);
    const pkg = onlyPackage(model);
    expect(CONDITION_TYPE_NAME).toBe('Condition_KubernetesStatus');
    const condition = pkg.types.Condition_KubernetesStatus;
    expect(condition.side).toBe('status');
    expect(propertiesOf(pkg, 'Condition_KubernetesStatus').map((p) => [p.name, p.required, p.type])).toEqual([
      ['type', true, { kind: 'primitive', primitive: 'string' }],
      ['status', true, { kind: 'enum', base: 'string', open: false, values: [{ value: 'True' }, { value: 'False' }, { value: 'Unknown' }] }],
      ['severity', false, { kind: 'enum', base: 'string', open: false, values: [{ value: 'Error' }, { value: 'Warning' }, { value: 'Info' }, { value: '' }] }],
      ['lastTransitionTime', true, { kind: 'primitive', primitive: 'string', format: 'date-time' }],
      ['reason', false, { kind: 'primitive', primitive: 'string' }],
      ['message', false, { kind: 'primitive', primitive: 'string' }],
      ['observedGeneration', false, { kind: 'primitive', primitive: 'integer', format: 'int64' }],
    ]);
    // The ARM definition named Condition keeps its name and its status copy.
    expect(pkg.types.Condition.description).toBe('An ARM condition, unrelated to Kubernetes conditions.');
    expect(propertiesOf(pkg, 'Condition_STATUS').map((p) => p.name)).toEqual(['field', 'operator', 'values']);
  });

  it('puts conditions first in every status, renaming an ARM property of that name', async () => {
    const { model } = await stageAlone(FIXTURE, statusConditionsStage);
    const pkg = onlyPackage(model);
    const status = propertiesOf(pkg, 'Widget_STATUS');
    expect(status[0]).toEqual({
      name: 'conditions',
      armName: 'conditions',
      type: { kind: 'array', items: { kind: 'ref', name: 'Condition_KubernetesStatus' }, identifiers: ['type'] },
      required: false,
      readOnly: true,
      role: 'conditions',
      description: 'The conditions of the reconciliation of the resource by the operator.',
    });
    expect(status.map((p) => [p.name, p.armName])).toEqual([
      ['conditions', 'conditions'],
      ['id', 'id'],
      ['name', 'name'],
      ['type', 'type'],
      ['location', 'location'],
      ['size', 'size'],
      ['armConditions', 'conditions'],
      ['provisioningState', 'provisioningState'],
    ]);
    expect(status[6].type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'Condition_STATUS' } });
    expect(status[6].armPath).toEqual(['properties', 'conditions']);
    // Spec types are left alone.
    expect(propertiesOf(pkg, 'Widget_Spec').find((p) => p.armName === 'conditions')?.name).toBe('conditions');
  });

  it('gives a resource without a status type one with just conditions', async () => {
    const { input, model } = await stageAlone(FIXTURE, statusConditionsStage);
    expect(onlyPackage(input).resources[1].kubernetes?.statusType).toBeUndefined();
    const pkg = onlyPackage(model);
    const label = pkg.resources.find((r) => r.armType === 'Microsoft.Test/widgets/labels')!;
    expect(label.kubernetes?.statusType).toBe('WidgetsLabel_STATUS');
    expect(pkg.types.WidgetsLabel_STATUS.side).toBe('status');
    expect(propertiesOf(pkg, 'WidgetsLabel_STATUS').map((p) => [p.name, p.role])).toEqual([['conditions', 'conditions']]);
  });

  it('reports the renamed ARM property with its location, and counts', async () => {
    const { diagnostics, counts } = await stageAlone(FIXTURE, statusConditionsStage);
    expect(diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
      ['conditions-collision', 'warning', { file: FILE, pointer: '/definitions/WidgetProperties/properties/conditions' }],
    ]);
    expect(counts).toEqual({ conditions: 2 });
  });

  it('does not mutate its input, and does not add conditions twice', async () => {
    const { input, inputCopy, model } = await stageAlone(FIXTURE, statusConditionsStage);
    expect(input).toEqual(inputCopy);
    const again = runStageAlone(statusConditionsStage, model).model;
    expect(propertiesOf(onlyPackage(again), 'Widget_STATUS').filter((p) => p.role === 'conditions')).toHaveLength(1);
    expect(Object.keys(onlyPackage(again).types)).toEqual(Object.keys(onlyPackage(model).types));
  });
});

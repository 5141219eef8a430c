/**
 * crossplane-references: each reference of `arm-references` becomes the ARM ID string plus
 * `<field>Ref`/`<field>Refs` and `<field>Selector`.
 *
 * Fixture `pipeline/crossplane-references` (Microsoft.Test 2021-01-01): widgets whose properties
 * hold a `gadgetId` (arm-id, allowed type Microsoft.Test/gadgets, required), a `primaryGadget`
 * and a list `spareGadgets` of `{id}` sub-resources, a list `backendIds` of arm-ids, a map
 * `routeTargets` of arm-ids, and `settings.logWorkspaceId` (arm-id, required) one object down;
 * gadgets.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Property } from '../../../generator/model/types.js';
import { walkType } from '../../../generator/model/walk.js';
import { crossplaneReferencesStage } from '../../../generator/pipeline/crossplane-references.js';
import { onlyPackage } from '../../helpers.js';
import { crossplaneStageAlone, named, specProperties } from './crossplane-helpers.js';
import { propertiesOf, type StageAloneResult } from './stage-helpers.js';

const STRING = { kind: 'primitive', primitive: 'string' };
const REFERENCE = { kind: 'ref', name: 'CrossplaneReference' };
const SELECTOR = { kind: 'ref', name: 'CrossplaneSelector' };

describe('crossplane-references on the fixture', () => {
  let result: StageAloneResult;
  let pkg: ApiPackage;
  let widget: Property[];

  beforeAll(async () => {
    result = await crossplaneStageAlone('pipeline/crossplane-references', crossplaneReferencesStage);
    pkg = onlyPackage(result.model);
    widget = specProperties(pkg, 'Widget');
  });

  afterEach(() => expect(result.input).toEqual(result.inputCopy));

  it('gives an ARM ID string its Ref and Selector to the kind of its allowed type, the string first and optional', () => {
    const names = widget.map((p) => p.name);
    expect(names.slice(names.indexOf('gadgetId'), names.indexOf('gadgetId') + 3)).toEqual(['gadgetId', 'gadgetIdRef', 'gadgetIdSelector']);
    const raw = named(widget, 'gadgetId');
    expect(raw).toMatchObject({ armName: 'gadgetId', armPath: ['properties', 'gadgetId'], type: STRING, required: false });
    expect(raw.annotations).toMatchObject({ reference: 'arm-id-details', referenceTypes: '["Microsoft.Test/gadgets"]' });
    expect(raw.renamedFrom).toBeUndefined();
    expect(named(widget, 'gadgetIdRef')).toEqual({
      name: 'gadgetIdRef',
      armName: 'gadgetIdRef',
      type: REFERENCE,
      required: false,
      readOnly: false,
      description: 'Reference to a Gadget (test.azure.com) to populate gadgetId.',
      kubernetesOnly: true,
      annotations: { crossplane: 'ref', populates: 'gadgetId', referencedKinds: 'test.azure.com/Gadget' },
    });
    expect(named(widget, 'gadgetIdSelector')).toMatchObject({
      type: SELECTOR,
      description: 'Selector for a Gadget (test.azure.com) to populate gadgetId.',
      kubernetesOnly: true,
      annotations: { crossplane: 'selector', populates: 'gadgetId', referencedKinds: 'test.azure.com/Gadget' },
    });
  });

  it('names an {id} sub-resource <name>Id, a list of them <singular>Ids with Refs, and records the ARM shape', () => {
    expect(named(widget, 'primaryGadgetId')).toMatchObject({ armName: 'primaryGadget', type: STRING, annotations: { armShape: 'subresource' } });
    expect(named(widget, 'primaryGadgetIdRef').type).toEqual(REFERENCE);
    const spares = named(widget, 'spareGadgetIds');
    expect(spares).toMatchObject({ armName: 'spareGadgets', type: { kind: 'array', items: STRING }, annotations: { armShape: 'subresource' } });
    expect(named(widget, 'spareGadgetIdsRefs')).toMatchObject({ type: { kind: 'array', items: REFERENCE }, description: 'References to the managed resource to populate spareGadgetIds.' });
    expect(named(widget, 'spareGadgetIdsSelector').type).toEqual(SELECTOR);
    for (const gone of ['primaryGadget', 'spareGadgets']) expect(widget.map((p) => p.name)).not.toContain(gone);
  });

  it('gives a list of ARM ID strings <field>Refs and one <field>Selector', () => {
    expect(named(widget, 'backendIds')).toMatchObject({ type: { kind: 'array', items: STRING }, annotations: { reference: 'format' } });
    expect(named(widget, 'backendIdsRefs').type).toEqual({ kind: 'array', items: REFERENCE });
    expect(named(widget, 'backendIdsSelector').type).toEqual(SELECTOR);
  });

  it('leaves a map of ARM IDs a map of strings, without Ref or Selector', () => {
    expect(named(widget, 'routeTargets').type).toEqual({ kind: 'map', values: STRING });
    expect(widget.some((p) => p.name.startsWith('routeTargets') && p.name !== 'routeTargets')).toBe(false);
    expect(result.counts['crossplane.mapReferences']).toBe(1);
  });

  it('rewrites references below the top of the spec, and a required ID becomes optional', () => {
    const settings = propertiesOf(pkg, 'WidgetSettings');
    expect(settings.map((p) => p.name)).toEqual(['logWorkspaceId', 'logWorkspaceIdRef', 'logWorkspaceIdSelector', 'level']);
    expect(named(settings, 'logWorkspaceId').required).toBe(false);
    expect(named(settings, 'logWorkspaceIdRef').description).toBe('Reference to the managed resource to populate logWorkspaceId.');
    expect(named(settings, 'logWorkspaceIdRef').annotations?.referencedKinds).toBeUndefined();
  });

  it('leaves no Kubernetes reference in the model and keeps status strings', () => {
    const kinds = new Set<string>();
    for (const def of Object.values(pkg.types)) walkType(def.type, (t) => kinds.add(t.kind));
    expect(kinds.has('resourceRef')).toBe(false);
    const status = propertiesOf(pkg, 'Widget_STATUS');
    expect(named(status, 'gadgetId').type).toMatchObject({ kind: 'primitive', primitive: 'string' });
    expect(status.some((p) => p.name.endsWith('Ref') || p.name.endsWith('Selector'))).toBe(false);
  });

  it('adds the crossplane-runtime Reference, Selector and Policy types once, spec side, marked by their source', () => {
    expect(pkg.types.CrossplaneReference).toMatchObject({ side: 'spec', source: { file: 'crossplane-runtime', pointer: '/apis/common/v1/Reference' } });
    expect(propertiesOf(pkg, 'CrossplaneReference').map((p) => [p.name, p.required])).toEqual([
      ['name', true],
      ['policy', false],
    ]);
    expect(propertiesOf(pkg, 'CrossplaneSelector').map((p) => p.name)).toEqual(['matchControllerRef', 'matchLabels', 'policy']);
    expect(named(propertiesOf(pkg, 'CrossplanePolicy'), 'resolution')).toMatchObject({
      type: { kind: 'enum', values: [{ value: 'Required' }, { value: 'Optional' }] },
      kubernetesDefault: 'Required',
    });
    expect(result.counts['crossplane.references']).toBe(6);
  });
});

import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildCrds, checkCrd, crdEmitter, crdPath, crdSizes, type CustomResourceDefinition } from '../../../../generator/emit/crd/index.js';
import { YAML_HEADER } from '../../../../generator/emit/crd/yaml.js';
import type { Model, Type } from '../../../../generator/model/types.js';
import { codes, fixtureModel, pkgOf, prop, recordingContext, resourceOf, STRING, validatorOf, widgetModel } from './helpers.js';

function emit(model: Model) {
  const context = recordingContext();
  const files = crdEmitter.emit(model, context);
  return { files, context };
}

function crdOf(content: string): CustomResourceDefinition {
  return load(content) as CustomResourceDefinition;
}

describe('crd emitter on the fixture (Microsoft.Test at 2021-01-01, 2021-06-01, 2022-01-01-preview)', () => {
  const model = fixtureModel();

  it('writes one file per (group, kind), named crds/<group>_<plural>.yaml', () => {
    const { files, context } = emit(model);
    expect(crdEmitter.id).toBe('crd');
    expect(files.map((f) => f.path)).toEqual(['crds/test.azure.com_widgets.yaml', 'crds/test.azure.com_widgetsgadgets.yaml']);
    expect(crdPath('network.azure.com', 'virtualnetworkssubnets')).toBe('crds/network.azure.com_virtualnetworkssubnets.yaml');
    expect(context.counts.crds).toBe(2);
    expect(context.counts['crd.versions']).toBe(4);
    const bytes = files.map((f) => Buffer.byteLength(f.content));
    expect(context.counts.crdBytes).toBe(bytes[0] + bytes[1]);
    expect(context.counts['crdBytes.max']).toBe(Math.max(...bytes));
    expect(context.diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new Set(codes(context))).toEqual(new Set(['crd-additional-properties-preserved']));
    for (const d of context.diagnostics.items) expect(d.source).toBe('crd');
  });

  it('names, scope, annotations and categories', () => {
    const crd = crdOf(emit(model).files[0].content);
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.kind).toBe('CustomResourceDefinition');
    expect(crd.metadata).toEqual({
      name: 'widgets.test.azure.com',
      annotations: { 'armkube.io/arm-type': 'Microsoft.Test/widgets', 'armkube.io/arm-api-versions': '2021-01-01,2021-06-01,2022-01-01-preview' },
    });
    expect(crd.spec.group).toBe('test.azure.com');
    expect(crd.spec.names).toEqual({ kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', categories: ['azure', 'test'] });
    expect(crd.spec.scope).toBe('Namespaced');
  });

  it('every version, in api-version order, served, one storage version (the latest stable), status subresource, ASO columns and Age', () => {
    const crd = crdOf(emit(model).files[0].content);
    expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([
      ['v20210101', true, false],
      ['v20210601', true, true],
      ['v20220101preview', true, false],
    ]);
    for (const v of crd.spec.versions) {
      expect(v.subresources).toEqual({ status: {} });
      expect(v.additionalPrinterColumns).toEqual([
        { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
        { name: 'Severity', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].severity" },
        { name: 'Reason', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].reason" },
        { name: 'Message', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].message" },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ]);
    }
    // The versions differ: `since2021` exists from 2021-06-01 on.
    const specOf = (i: number) => crd.spec.versions[i].schema.openAPIV3Schema.properties!.spec;
    expect(specOf(0).properties!.since2021).toBeUndefined();
    expect(specOf(1).properties!.since2021).toEqual({ description: 'Only in later versions.', type: 'boolean' });
  });

  it('the schema: apiVersion, kind, metadata, spec (required: it has required properties) and status', () => {
    const crd = crdOf(emit(model).files[0].content);
    const root = crd.spec.versions[1].schema.openAPIV3Schema;
    expect(Object.keys(root.properties!)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(root.properties!.metadata).toEqual({ type: 'object' });
    expect(root.required).toEqual(['spec']);
    const spec = root.properties!.spec;
    expect(spec.required).toEqual(['owner', 'location']);
    expect(Object.keys(spec.properties!).slice(0, 4)).toEqual(['azureName', 'owner', 'location', 'tags']);
    expect(spec.properties!.subnetReference.oneOf).toEqual([{ required: ['armId'] }, { required: ['group', 'kind', 'name'] }]);
    expect(spec.properties!.adminPassword.required).toEqual(['name', 'key']);
    expect(spec.properties!.settings).toEqual({ description: 'Free-form settings.', 'x-kubernetes-preserve-unknown-fields': true });
    expect(spec.properties!.aliases['x-kubernetes-list-type']).toBe('set');
    expect(spec.properties!.shape).toMatchObject({ minProperties: 1, maxProperties: 1 });
    expect(spec.properties!.duration).toEqual({ description: "An ISO 8601 duration: ARM's, not Go's, so no format.", type: 'string' });
    const status = root.properties!.status;
    expect(status.required).toBeUndefined();
    expect(Object.keys(status.properties!)[0]).toBe('conditions');
    expect(status.properties!.shape.maxProperties).toBeUndefined();
    // A status has no validations: observed values.
    expect(JSON.stringify(status)).not.toMatch(/"(pattern|minimum|maxItems|minLength)"/);
  });

  it('every CRD passes the API server checks (names, storage, structural schema)', () => {
    for (const f of emit(model).files) expect(checkCrd(crdOf(f.content))).toEqual([]);
  });

  it('a widget object validates against its schema; a wrong one does not', () => {
    const crd = crdOf(emit(model).files[0].content);
    const validate = validatorOf(crd.spec.versions[1].schema.openAPIV3Schema);
    const good = {
      apiVersion: 'test.azure.com/v20210601',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: {
        owner: { name: 'my-rg' },
        location: 'westeurope',
        size: 3,
        color: 'Red',
        label: 'abc',
        aliases: ['a', 'b'],
        subnetReference: { group: 'network.azure.com', kind: 'VirtualNetworksSubnet', name: 'subnet' },
        adminPassword: { name: 'secret', key: 'password' },
        settings: { anything: [1, { deep: true }] },
        extras: { known: 'k', other: 'o' },
        labels: { a: 1 },
        shape: { circle: { radius: 2 } },
        tree: { value: 'root', children: [{ value: 'leaf', children: [{ anything: 'goes' }] }] },
      },
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const bad: [string, unknown][] = [
      ['size', 'three'],
      ['size', 11],
      ['color', 'Blue'],
      ['label', 'ABC'],
      ['aliases', ['a', 'a']],
      ['aliases', []],
      ['owner', { name: 'rg', armId: '/x' }],
      ['adminPassword', { name: 'secret' }],
      ['shape', { circle: {}, square: {} }],
      ['labels', { a: 'one' }],
    ];
    for (const [key, value] of bad) expect(validate({ ...good, spec: { ...good.spec, [key]: value } }), `${key}: ${JSON.stringify(value)}`).toBe(false);
    const { owner: _owner, ...withoutOwner } = good.spec;
    expect(validate({ ...good, spec: withoutOwner })).toBe(false);
    expect(validate({ ...good, spec: undefined })).toBe(false);
  });

  it('is deterministic: the same model gives byte-identical files, and so does a fresh load', () => {
    const a = emit(model).files;
    const b = emit(model).files;
    const c = emit(fixtureModel()).files;
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    for (const f of a) {
      expect(f.content.startsWith(YAML_HEADER)).toBe(true);
      expect(f.content).not.toMatch(/[&*]ref_\d/); // no YAML anchors or aliases
    }
  });

  it('crdSizes lists the bytes of each CRD file, largest first', () => {
    const { files } = emit(model);
    const sizes = crdSizes([...files, { path: 'ts/index.ts', content: 'x' }]);
    expect(sizes.map((s) => s.path)).toEqual(['crds/test.azure.com_widgets.yaml', 'crds/test.azure.com_widgetsgadgets.yaml']);
    expect(sizes[0]).toEqual({ path: 'crds/test.azure.com_widgets.yaml', group: 'test.azure.com', plural: 'widgets', bytes: Buffer.byteLength(files[0].content) });
  });
});

describe('crd emitter: hand-built models', () => {
  it('a version without a spec type gets a free-form spec (info), and a status of just what the model has', () => {
    const model = widgetModel({ kind: 'object', properties: [] });
    const r = model.packages[0].resources[0];
    model.packages[0].resources[0] = { ...r, kubernetes: { ...r.kubernetes!, specType: undefined, statusType: undefined } };
    const { files, context } = emit(model);
    expect(codes(context)).toEqual(['crd-free-form-spec']);
    expect(context.diagnostics.items[0].severity).toBe('info');
    const root = crdOf(files[0].content).spec.versions[0].schema.openAPIV3Schema;
    expect(root.properties!.spec).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(root.properties!.status).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(root.required).toBeUndefined();
  });

  it('a group whose first label is not a DNS-1035 label gets only the azure category', () => {
    const model = widgetModel({ kind: 'object', properties: [] });
    const r = model.packages[0].resources[0];
    model.packages[0].resources[0] = { ...r, kubernetes: { ...r.kubernetes!, group: '1password.azure.com' } };
    const crd = crdOf(emit(model).files[0].content);
    expect(crd.spec.names.categories).toEqual(['azure']);
    expect(crd.metadata.name).toBe('widgets.1password.azure.com');
  });
});

describe('crd emitter: CRDs that are not written', () => {
  it('a schema that is not structural (a pattern RE2 cannot run) is an error naming the kind and the path', () => {
    const model = widgetModel({ kind: 'object', properties: [prop('name', { kind: 'primitive', primitive: 'string', validations: { pattern: '^(?!x)' } })] });
    const { files, context } = emit(model);
    expect(files).toEqual([]);
    expect(codes(context)).toEqual(['crd-not-structural']);
    const d = context.diagnostics.items[0];
    expect(d.severity).toBe('error');
    expect(d.message).toContain('test.azure.com Widget');
    expect(d.message).toContain('spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[name].pattern');
    expect(d.location).toEqual({ file: 'test.json', pointer: '/paths/x/put' });
    expect(context.counts['crd.notWritten']).toBe(1);
  });

  it('not exactly one storage version is an error', () => {
    const spec: Type = { kind: 'object', properties: [prop('a', STRING)] };
    const two = (storage: [boolean, boolean]): Model => ({
      packages: [
        pkgOf({ Widget_Spec: spec }, [resourceOf('Microsoft.Test/widgets', '2021-01-01', { kind: 'Widget', specType: 'Widget_Spec', storage: storage[0] })], 'a'),
        pkgOf({ Widget_Spec: spec }, [resourceOf('Microsoft.Test/widgets', '2021-06-01', { kind: 'Widget', specType: 'Widget_Spec', storage: storage[1] })], 'b'),
      ],
    });
    for (const storage of [[true, true], [false, false]] as [boolean, boolean][]) {
      const { files, context } = emit(two(storage));
      expect(files).toEqual([]);
      expect(codes(context)).toEqual(['crd-storage-version']);
      expect(context.diagnostics.items[0].message).toContain(`not ${storage[0] ? 2 : 0}`);
    }
    expect(emit(two([false, true])).files.length).toBe(1);
  });

  it('names Kubernetes would refuse are an error', () => {
    const model = widgetModel({ kind: 'object', properties: [] });
    model.packages[0].resources[0] = { ...model.packages[0].resources[0], kubernetes: { ...model.packages[0].resources[0].kubernetes!, plural: 'Widgets_' } };
    const { files, context } = emit(model);
    expect(files).toEqual([]);
    expect(codes(context)).toEqual(['crd-invalid']);
    expect(context.diagnostics.items[0].message).toContain('spec.names.plural');
  });
});

describe('crd emitter: sizes', () => {
  /** A spec of `n` string properties nested `depth` objects deep, each with a description of `text` bytes. */
  function bigModel(n: number, text: number, depth = 1) {
    const description = 'd'.repeat(text);
    let inner: Type = {
      kind: 'object',
      properties: Array.from({ length: n }, (_, i) => prop(`p${i}`, STRING, { description: `${i} ${description}` })),
    };
    for (let i = 0; i < depth; i++) inner = { kind: 'object', properties: [prop(`level${i}`, inner, { description: `level ${i}` })] };
    return widgetModel(inner);
  }

  it('a CRD over the kubectl apply limit is written with a warning', () => {
    const { files, context } = emit(bigModel(300, 1000));
    expect(files.length).toBe(1);
    const bytes = Buffer.byteLength(files[0].content);
    expect(bytes).toBeGreaterThan(262_144);
    expect(codes(context)).toEqual(['crd-over-kubectl-apply-limit']);
    expect(context.diagnostics.items[0].severity).toBe('warning');
  });

  it('a CRD over 1.5 MiB loses its deepest descriptions first and is written under the limit', () => {
    const context = recordingContext();
    const [result] = buildCrds(bigModel(1800, 1000, 2), context);
    // Without the leaf descriptions it is even under the kubectl apply limit.
    expect(codes(context)).toEqual(['crd-descriptions-dropped']);
    const d = context.diagnostics.items[0];
    expect(d.severity).toBe('warning');
    expect(result.descriptionsDropped!.before).toBeGreaterThan(1_572_864);
    expect(result.descriptionsDropped!.after).toBeLessThanOrEqual(1_572_864);
    expect(d.message).toContain(String(result.descriptionsDropped!.before));
    expect(d.message).toContain(String(result.descriptionsDropped!.after));
    expect(Buffer.byteLength(result.file!.content)).toBe(result.yamlBytes);
    const spec = crdOf(result.file!.content).spec.versions[0].schema.openAPIV3Schema.properties!.spec;
    // The 1800 leaf descriptions (depth 4) went; the shallower ones stayed.
    expect(spec.properties!.level1.description).toBe('level 1');
    expect(spec.properties!.level1.properties!.level0.description).toBe('level 0');
    expect(spec.properties!.level1.properties!.level0.properties!.p0).toEqual({ type: 'string' });
    expect(result.descriptionsDropped!.fromDepth).toBe(4);
    expect(result.descriptionsDropped!.count).toBe(1800);
  });

  it('a CRD still too large without any description is not written', () => {
    const context = recordingContext();
    const [result] = buildCrds(bigModel(80_000, 1), context);
    expect(result.file).toBeUndefined();
    expect(codes(context)).toEqual(['crd-descriptions-dropped', 'crd-too-large']);
    expect(context.diagnostics.items[1].severity).toBe('error');
  });
});

/**
 * Swagger extensions and keywords the loader keeps on the model (fixture `loader/extensions`):
 * x-ms-enum, discriminator / x-ms-discriminator-value / subtypes, allOf, x-ms-client-flatten,
 * x-ms-mutability, x-ms-secret, readOnly, x-ms-azure-resource, format arm-id with
 * x-ms-arm-id-details, x-ms-identifiers, x-ms-client-name, x-ms-paths, additionalProperties,
 * default, and every validation keyword.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers.js';
import { objectOf, packageOf, pathPointer, propertyOf, resourceOf } from './util.js';

describe('extensions kept on the model', () => {
  const { model, diagnostics } = loadFixture('loader/extensions');
  const pkg = packageOf(model, 'Contoso.Ext', '2023-01-01-preview');
  const props = objectOf(pkg, 'WidgetProperties');
  const prop = (name: string) => propertyOf(props, name);

  it('loads without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(pkg.stability).toBe('preview');
  });

  describe('x-ms-enum', () => {
    it('keeps name, modelAsString → open, and the values with their names and descriptions', () => {
      expect(prop('color').type).toEqual({
        kind: 'enum',
        base: 'string',
        enumName: 'Color',
        open: true,
        values: [
          { value: 'red', name: 'Red', description: 'A warm color.' },
          { value: 'blue', name: 'Blue', description: 'A cool color.' },
        ],
      });
      expect(prop('color').required).toBe(true);
    });

    it('modelAsString false → closed; integer enums keep their base and number values', () => {
      expect(prop('size').type).toEqual({ kind: 'enum', base: 'integer', enumName: 'Size', open: false, values: [{ value: 1 }, { value: 2 }, { value: 3 }] });
    });

    it('an enum without x-ms-enum is closed and unnamed', () => {
      expect(prop('mode').type).toEqual({ kind: 'enum', base: 'string', open: false, values: [{ value: 'Auto' }, { value: 'Manual' }] });
    });
  });

  describe('discriminator and allOf', () => {
    it('keeps the discriminator on the base and records every subtype (direct or through another subtype)', () => {
      const shape = objectOf(pkg, 'Shape');
      expect(shape.discriminator).toBe('kind');
      expect(shape.subtypes).toEqual(['Circle', 'Square', 'RoundedSquare']);
    });

    it('x-ms-discriminator-value, else the definition name, is the subtype value; allOf → bases', () => {
      expect(objectOf(pkg, 'Circle')).toMatchObject({ discriminatorValue: 'circle', bases: [{ kind: 'ref', name: 'Shape' }] });
      expect(objectOf(pkg, 'Square')).toMatchObject({ discriminatorValue: 'Square', bases: [{ kind: 'ref', name: 'Shape' }] });
      expect(objectOf(pkg, 'RoundedSquare')).toMatchObject({ discriminatorValue: 'rounded', bases: [{ kind: 'ref', name: 'Square' }] });
      expect(objectOf(pkg, 'Square').subtypes).toBeUndefined();
    });

    it('a base without a discriminator records no subtypes', () => {
      expect(objectOf(pkg, 'Widget').bases).toEqual([{ kind: 'ref', name: 'Resource' }]);
      expect(objectOf(pkg, 'Resource').subtypes).toBeUndefined();
      expect(objectOf(pkg, 'Resource').discriminator).toBeUndefined();
    });
  });

  it('x-ms-azure-resource', () => {
    expect(objectOf(pkg, 'Resource').azureResource).toBe(true);
    expect(objectOf(pkg, 'Widget').azureResource).toBeUndefined();
  });

  it('x-ms-client-flatten and the description beside a $ref', () => {
    const p = propertyOf(objectOf(pkg, 'Widget'), 'properties');
    expect(p).toMatchObject({ clientFlatten: true, description: "The widget's properties.", type: { kind: 'ref', name: 'WidgetProperties' } });
    expect(pkg.types.Widget.description).toBe('A widget.');
  });

  it('readOnly', () => {
    expect(propertyOf(objectOf(pkg, 'Widget'), 'etag').readOnly).toBe(true);
    expect(propertyOf(objectOf(pkg, 'Resource'), 'id').readOnly).toBe(true);
    expect(prop('provisioningState')).toMatchObject({ readOnly: true, type: { kind: 'enum', enumName: 'ProvisioningState', open: true } });
    expect(prop('color').readOnly).toBe(false);
  });

  it('x-ms-mutability and x-ms-secret', () => {
    expect(prop('password')).toMatchObject({ secret: true, mutability: ['create', 'update'], type: { kind: 'primitive', primitive: 'string', format: 'password' } });
    expect(prop('zone').mutability).toEqual(['create', 'read']);
    expect(prop('zone').secret).toBeUndefined();
  });

  it('format arm-id with x-ms-arm-id-details.allowedResources → allowedResourceTypes', () => {
    expect(prop('subnetId').type).toEqual({
      kind: 'primitive',
      primitive: 'string',
      format: 'arm-id',
      allowedResourceTypes: ['Microsoft.Network/virtualNetworks/subnets', 'Microsoft.Network/virtualNetworks'],
    });
    expect(prop('plainId').type).toEqual({ kind: 'primitive', primitive: 'string', format: 'arm-id' });
  });

  it('x-ms-identifiers and the array validations', () => {
    expect(prop('rules').type).toEqual({
      kind: 'array',
      items: { kind: 'ref', name: 'Rule' },
      identifiers: ['name', 'priority'],
      validations: { minItems: 1, maxItems: 10, uniqueItems: true },
    });
  });

  it('x-ms-client-name, default and the string validations', () => {
    expect(prop('displayName')).toMatchObject({
      clientName: 'title',
      default: 'unnamed',
      required: true,
      type: { kind: 'primitive', primitive: 'string', validations: { pattern: '^[a-z][a-z0-9-]*$', minLength: 3, maxLength: 63 } },
    });
  });

  it('the numeric validations, and default on a number', () => {
    expect(prop('count').type).toEqual({
      kind: 'primitive',
      primitive: 'integer',
      format: 'int32',
      validations: { minimum: 0, maximum: 100, exclusiveMinimum: true, exclusiveMaximum: false, multipleOf: 5 },
    });
    expect(prop('count').default).toBe(10);
    expect(prop('ratio').type).toEqual({ kind: 'primitive', primitive: 'number', format: 'double', validations: { minimum: 0.5, maximum: 1.5 } });
  });

  describe('additionalProperties', () => {
    it('alone → a map, with minProperties/maxProperties on the map and validations on the values', () => {
      expect(prop('labels').type).toEqual({
        kind: 'map',
        values: { kind: 'primitive', primitive: 'string', validations: { maxLength: 256 } },
        validations: { minProperties: 1, maxProperties: 5 },
      });
    });

    it('beside properties → an object with additionalProperties (and default: false kept on a nested property)', () => {
      const t = prop('settings').type;
      expect(t.kind).toBe('object');
      if (t.kind !== 'object') return;
      expect(t.additionalProperties).toEqual({ kind: 'primitive', primitive: 'integer', format: 'int64' });
      expect(propertyOf(t, 'enabled')).toMatchObject({ default: false, type: { kind: 'primitive', primitive: 'boolean' } });
    });

    it('true → a map of any; a bare object → any', () => {
      expect(prop('anything').type).toEqual({ kind: 'map', values: { kind: 'any' } });
      expect(prop('freeForm').type).toEqual({ kind: 'any' });
    });
  });

  it('finds resources declared in x-ms-paths too, query string kept in the URL template', () => {
    const urlTemplate = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Ext/sprockets/{sprocketName}?kind=classic';
    expect(resourceOf(pkg, 'Contoso.Ext/sprockets')).toMatchObject({
      scope: 'resourceGroup',
      nameParameter: 'sprocketName',
      urlTemplate,
      putType: { kind: 'ref', name: 'Sprocket' },
      getType: { kind: 'ref', name: 'Sprocket' },
      source: { file: 'specification/ext/resource-manager/Contoso.Ext/preview/2023-01-01-preview/ext.json', pointer: pathPointer('x-ms-paths', urlTemplate, 'put') },
    });
    expect(pkg.resources.map((r) => r.armType)).toEqual(['Contoso.Ext/widgets', 'Contoso.Ext/sprockets']);
  });
});

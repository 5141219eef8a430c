/** What `import` reads (resource bodies and x-ms-examples files) and the names it makes. */
import { describe, expect, it } from 'vitest';
import { armInputOf } from '../../../generator/cli/arm-input.js';
import { isKubernetesName, kubernetesNameOf } from '../../../generator/cli/kubernetes-names.js';
import { pointerOfPath } from '../../../generator/cli/documents.js';

const ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/Front_End';

describe('armInputOf', () => {
  it('takes a resource body as it is, its type from the id when it has no type', () => {
    expect(armInputOf({ id: ID, name: 'Front_End', properties: {} }, 'f.json')).toMatchObject({ pointer: '', id: ID, name: 'Front_End', armType: 'Microsoft.Network/virtualNetworks/subnets' });
  });

  it('takes the request body of an example, with id, name and type from its response', () => {
    const example = { parameters: { 'api-version': '2021-02-01', subnetName: 'Front_End', subnetParameters: { properties: { addressPrefix: '10.0.0.0/24' } } }, responses: { '201': { body: { id: ID, name: 'Front_End', type: 'Microsoft.Network/virtualNetworks/subnets' } } } };
    expect(armInputOf(example, 'f.json')).toMatchObject({ body: { properties: { addressPrefix: '10.0.0.0/24' } }, pointer: '/parameters/subnetParameters', apiVersion: '2021-02-01', id: ID, armType: 'Microsoft.Network/virtualNetworks/subnets' });
  });

  it('picks the body among several object parameters by its ARM keys, or asks for --parameter', () => {
    const ranked = { parameters: { extendedLocation: { name: 'x', type: 'EdgeZone' }, parameters: { location: 'westus', properties: {} } }, responses: {} };
    expect(armInputOf(ranked, 'f.json')).toMatchObject({ pointer: '/parameters/parameters' });
    const tie = { parameters: { a: { location: 'x' }, b: { tags: {} } }, responses: {} };
    expect(armInputOf(tie, 'f.json')).toMatchObject({ code: 'ambiguous-arm-body', location: { file: 'f.json', pointer: '/parameters' } });
    expect(armInputOf(tie, 'f.json', 'b')).toMatchObject({ pointer: '/parameters/b' });
  });

  it('takes the response body of an example without a request body (a GET)', () => {
    const get = { parameters: { 'api-version': '2021-02-01' }, responses: { '200': { body: { id: ID, properties: {} } } } };
    expect(armInputOf(get, 'f.json')).toMatchObject({ pointer: '/responses/200/body', id: ID });
  });
});

describe('kubernetesNameOf', () => {
  it('makes a valid name of any ARM name, or none', () => {
    for (const [arm, k8s] of [
      ['Front_End', 'front-end'],
      ['my.Zone..Name', 'my.zone.name'],
      ['__x__', 'x'],
      ['a b/c', 'a-b-c'],
      ['-.-', undefined],
    ] as const) {
      expect(kubernetesNameOf(arm), arm).toBe(k8s);
      if (k8s) expect(isKubernetesName(k8s)).toBe(true);
    }
    expect(kubernetesNameOf('x'.repeat(300))).toHaveLength(253);
    expect(isKubernetesName('Upper')).toBe(false);
  });
});

describe('pointerOfPath', () => {
  it('turns a collectReferences path into a JSON pointer', () => {
    expect(pointerOfPath('spec.subnets[0].natGateway')).toBe('/spec/subnets/0/natGateway');
    expect(pointerOfPath('spec.tags["a/b"]')).toBe('/spec/tags/a~1b');
  });
});

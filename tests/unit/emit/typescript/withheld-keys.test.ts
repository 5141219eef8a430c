/**
 * `armToStatus` of an object with `additionalProperties` copies the keys its type does not list,
 * except those `secrets` withheld (credentials removed from the status): a credential never
 * reaches a status through the pass-through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Property, Type } from '../../../../generator/model/types.js';
import { emitModel, importGenerated, removeDir, tempDir, transpile, typeCheck, writeFiles } from './support.js';

const STRING: Type = { kind: 'primitive', primitive: 'string' };
const prop = (name: string, extra: Partial<Property> = {}): Property => ({ name, armName: name, type: STRING, required: false, readOnly: false, ...extra });

function pkg(): ApiPackage {
  return {
    id: 'hand',
    namespace: 'Microsoft.Test',
    apiVersion: '2021-01-01',
    stability: 'stable',
    files: [],
    types: {
      Box_Spec: { name: 'Box_Spec', side: 'spec', type: { kind: 'object', properties: [prop('owner', { type: { kind: 'ownerRef' }, role: 'owner', required: true }), prop('size')] } },
      Box_STATUS: {
        name: 'Box_STATUS',
        side: 'status',
        type: { kind: 'object', properties: [prop('id'), prop('size')], additionalProperties: { kind: 'any' }, withheldKeys: ['adminPassword'] },
      },
    },
    resources: [
      {
        armType: 'Microsoft.Test/boxes',
        apiVersion: '2021-01-01',
        scope: 'resourceGroup',
        urlTemplate: '/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Test/boxes/{name}',
        source: { file: 'test.json', pointer: '/paths/boxes/put' },
        kubernetes: { group: 'test.azure.com', version: 'v20210101', kind: 'Box', plural: 'boxes', specType: 'Box_Spec', statusType: 'Box_STATUS' },
      },
    ],
  };
}

let dir: string | undefined;
beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, emitModel({ packages: [pkg()] }).files);
  expect(typeCheck(dir).errors).toEqual([]);
  transpile(dir);
});
afterAll(() => removeDir(dir));

describe('withheld keys', () => {
  it('armToStatus passes unknown keys through, but never a withheld one', async () => {
    const box = await importGenerated<{ armToStatus(body: unknown): Record<string, unknown> }>(dir!, 'ts/test.azure.com/v20210101/Box.ts');
    expect(box.armToStatus({ id: 'x', size: 'L', color: 'red', adminPassword: 'p@ss' })).toEqual({ id: 'x', size: 'L', color: 'red' });
  });
});

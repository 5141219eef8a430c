/**
 * A synthetic Swagger spec for scale tests: one resource type whose `properties` envelope has one
 * property per definition, each definition a distinct object type (its description names it)
 * with an ARM-ID string (a reference) and a password (a credential). It stresses what grows with the properties of
 * one type and with the number of definitions (the `arm-references` stage was quadratic there).
 *
 *   node dist/scripts/synthetic-spec.js <specs-dir> [--definitions N]   (default 50,000)
 *
 * Writes `<specs-dir>/specification/synthetic/resource-manager/Contoso.Synthetic/stable/2021-01-01/synthetic.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SYNTHETIC_FILE = 'specification/synthetic/resource-manager/Contoso.Synthetic/stable/2021-01-01/synthetic.json';

/** The spec document with `definitions` item definitions (plus the resource and its properties). */
export function syntheticSpec(definitions: number): Record<string, unknown> {
  const defs: Record<string, unknown> = {
    Widget: {
      type: 'object',
      'x-ms-azure-resource': true,
      required: ['location'],
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string', readOnly: true },
        type: { type: 'string', readOnly: true },
        location: { type: 'string' },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        properties: { $ref: '#/definitions/WidgetProperties', 'x-ms-client-flatten': true },
      },
    },
  };
  const items: Record<string, unknown> = {};
  for (let i = 0; i < definitions; i++) {
    items[`item${i}`] = { $ref: `#/definitions/Item${i}`, description: `Item ${i}.` };
    defs[`Item${i}`] = {
      type: 'object',
      description: `The item ${i}.`,
      properties: {
        subnetId: { type: 'string', description: 'The resource ID of the subnet.' },
        adminPassword: { type: 'string' },
      },
    };
  }
  defs.WidgetProperties = { type: 'object', properties: { provisioningState: { type: 'string', readOnly: true }, ...items } };
  const params = [
    { name: 'subscriptionId', in: 'path', required: true, type: 'string' },
    { name: 'resourceGroupName', in: 'path', required: true, type: 'string' },
    { name: 'widgetName', in: 'path', required: true, type: 'string' },
    { name: 'api-version', in: 'query', required: true, type: 'string' },
  ];
  const ok = { '200': { description: 'OK', schema: { $ref: '#/definitions/Widget' } } };
  return {
    swagger: '2.0',
    info: { title: 'SyntheticClient', version: '2021-01-01' },
    host: 'management.azure.com',
    paths: {
      '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Synthetic/widgets/{widgetName}': {
        put: { operationId: 'Widgets_CreateOrUpdate', parameters: [...params, { name: 'parameters', in: 'body', required: true, schema: { $ref: '#/definitions/Widget' } }], responses: ok },
        get: { operationId: 'Widgets_Get', parameters: params, responses: ok },
      },
    },
    definitions: defs,
  };
}

/** Writes the synthetic spec below `specsDir` (the folder holding `specification/`); returns the file. */
export function writeSyntheticSpec(specsDir: string, definitions: number): string {
  const file = path.join(specsDir, ...SYNTHETIC_FILE.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(syntheticSpec(definitions)));
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node dist/scripts/synthetic-spec.js <specs-dir> [--definitions N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--definitions');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 50_000;
  process.stdout.write(`${writeSyntheticSpec(dir, n)}\n`);
}

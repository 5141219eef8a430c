/**
 * Opt-in Swagger 2.0 schema validation (fixture `validate`): a valid file gives no diagnostic,
 * an invalid one a `swagger-invalid` diagnostic per problem, at its file and JSON pointer, and
 * a file that cannot be read is a diagnostic, not an exception.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { swaggerFilesOf, validateSwaggerFiles } from '../../../generator/loader/validate.js';
import { fixturesDir } from '../../helpers.js';

const dir = path.join(fixturesDir, 'validate');

describe('validateSwaggerFiles', () => {
  it('finds both fixture files', () => {
    expect(swaggerFilesOf(dir).map((f) => path.basename(f))).toEqual(['invalid.json', 'valid.json']);
  });

  it('gives no diagnostic on a valid file', async () => {
    const result = await validateSwaggerFiles([path.join(dir, 'valid.json')], { specsDir: dir });
    expect(result.diagnostics).toEqual([]);
    expect(result).toMatchObject({ validated: 1, invalid: 0, skipped: 0 });
  });

  it('reports each schema problem of an invalid file at its pointer', async () => {
    const progress: string[] = [];
    const result = await validateSwaggerFiles(swaggerFilesOf(dir), { specsDir: dir, onFile: (done, total) => progress.push(`${done}/${total}`) });
    expect(progress).toEqual(['1/2', '2/2']);
    expect(result).toMatchObject({ validated: 2, invalid: 1 });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
      ['swagger-invalid', 'warning', { file: 'invalid.json', pointer: '/definitions/Thing/properties/size/type' }],
      ['swagger-invalid', 'warning', { file: 'invalid.json', pointer: '/paths/~1things~1{name}/get/parameters/0' }],
    ]);
    const [type, parameter] = result.diagnostics;
    expect(type.message).toMatch(/^Swagger 2\.0 schema: must be one of .*"string"/);
    // The message leads with the problem, not with the noise of every oneOf branch.
    expect(parameter.message).toMatch(/^Swagger 2\.0 schema: must have required property 'in'/);
    expect(parameter.message.length).toBeLessThanOrEqual(300);
  });

  it('gives the same diagnostics through SwaggerParser.validate', async () => {
    const files = swaggerFilesOf(dir);
    const fast = await validateSwaggerFiles(files, { specsDir: dir });
    const slow = await validateSwaggerFiles(files, { specsDir: dir, engine: 'swagger-parser' });
    expect(slow.diagnostics).toEqual(fast.diagnostics);
  });

  it('never throws: a missing file is a diagnostic', async () => {
    const result = await validateSwaggerFiles([path.join(dir, 'missing.json'), path.join(dir, 'valid.json')], { specsDir: dir, concurrency: 2 });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'swagger-invalid', location: { file: 'missing.json', pointer: '' }, message: expect.stringContaining('ENOENT') }),
    ]);
    expect(result.validated).toBe(2);
  });
});

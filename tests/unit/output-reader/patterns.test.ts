/**
 * CRD patterns as the API server runs them: RE2 (linear time, Go's syntax). A pattern of the real
 * specs that makes JavaScript's backtracking engine hang runs at once; a pattern RE2 cannot compile
 * makes the CRD unusable, reported on the same path and in the same words as the CRD emitter's
 * structural check.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStructural } from '../../../generator/emit/crd/index.js';
import { compileValidator, CrdSchemaError, patternProblems, re2PatternProblem } from '../../../generator/output-reader/validate-object.js';
import { azureSpecsDir } from '../../helpers.js';

/** ContainerService `windowsProfile.adminUsername` (ContainerServiceWindowsProfile; the containerServices resource of 2017-07-01 uses it). */
const ADMIN_USERNAME = '^[a-zA-Z0-9]+([._]?[a-zA-Z0-9]+)*$';
const containerService = path.join(azureSpecsDir, 'containerservice', 'resource-manager', 'Microsoft.ContainerService', 'stable', '2017-07-01', 'containerService.json');

const crd = (pattern: string) => ({
  type: 'object',
  properties: { spec: { type: 'object', properties: { windowsProfile: { type: 'object', properties: { adminUsername: { type: 'string', pattern } } } } } },
});
const object = (adminUsername: string) => ({ spec: { windowsProfile: { adminUsername } } });

describe('patterns on RE2', () => {
  it.skipIf(!existsSync(containerService))('the pattern is the one of the real spec', () => {
    const swagger = JSON.parse(readFileSync(containerService, 'utf8')) as { definitions: Record<string, { properties: Record<string, { pattern?: string }> }> };
    expect(swagger.definitions.ContainerServiceWindowsProfile.properties.adminUsername.pattern).toBe(ADMIN_USERNAME);
  });

  it('checks the corpus pattern that makes a backtracking engine hang on a 10,000-character input in well under a second', () => {
    const validate = compileValidator(crd(ADMIN_USERNAME));
    const input = 'a'.repeat(9_999) + '!';
    const started = performance.now();
    const errors = validate(object(input));
    const elapsed = performance.now() - started;
    expect(errors).toEqual([{ path: 'spec.windowsProfile.adminUsername', message: `must match pattern "${ADMIN_USERNAME}" (got ${JSON.stringify(input).slice(0, 80)})` }]);
    expect(elapsed).toBeLessThan(1000);
    expect(validate(object('azure.user_1'))).toEqual([]);
    expect(validate(object('a'.repeat(10_000)))).toEqual([]);
  });

  it('uses RE2 syntax and semantics: escapes JavaScript refuses in unicode mode, (?i), unanchored search', () => {
    expect(compileValidator(crd('^[a-z\\:]+$'))(object('a:b'))).toEqual([]);
    expect(compileValidator(crd('(?i)^abc$'))(object('ABC'))).toEqual([]);
    expect(compileValidator(crd('b'))(object('abc'))).toEqual([]);
    expect(compileValidator(crd('^b'))(object('abc'))).toHaveLength(1);
  });

  it('keeps patterns apart (ajv caches compiled patterns by their text)', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', pattern: '^a$' }, b: { type: 'string', pattern: '^b$' } } };
    const validate = compileValidator(schema);
    expect(validate({ a: 'a', b: 'b' })).toEqual([]);
    expect(validate({ a: 'b', b: 'a' }).map((e) => e.path)).toEqual(['a', 'b']);
  });

  it('refuses a CRD with a pattern RE2 cannot compile, as the CRD emitter reports it', () => {
    for (const [pattern, reason] of [
      ['^(?=a)b', 'lookahead'],
      ['^(?<!a)b', 'lookbehind'],
      ['(a)\\1', 'backreference'],
      ['a{1001}', 'repeat count over 1000'],
    ]) {
      const schema = crd(pattern);
      const expected = { path: 'openAPIV3Schema.properties[spec].properties[windowsProfile].properties[adminUsername].pattern', message: `must be a valid regular expression for Go (RE2): ${reason}` };
      expect(patternProblems(schema)).toEqual([expected]);
      let thrown: unknown;
      try {
        compileValidator(schema);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(CrdSchemaError);
      expect((thrown as CrdSchemaError).problems).toEqual([expected]);
      // The CRD emitter's structural check says the same, on the same path.
      const structural = checkStructural(schema).filter((p) => p.rule === 'pattern');
      expect(structural.map((p) => ({ path: p.path, message: p.message }))).toEqual([expected]);
    }
  });

  it('words other RE2 compile errors as RE2 does', () => {
    expect(re2PatternProblem('\\Z')).toBe('escape \\Z');
    // The emitter's own scan misses this one (JavaScript refuses it too, for its own reason).
    expect(re2PatternProblem('a**')).toMatch(/^error parsing regexp: invalid nested repetition operator/);
    expect(re2PatternProblem(ADMIN_USERNAME)).toBeUndefined();
  });
});

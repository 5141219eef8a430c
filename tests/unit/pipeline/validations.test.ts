import { describe, expect, it } from 'vitest';
import type { Type } from '../../../generator/model/types.js';
import { patternProblem } from '../../../generator/rules/patterns.js';
import { validationsStage } from '../../../generator/pipeline/validations.js';
import { onlyPackage } from '../../helpers.js';
import { prop, stageAlone } from './stage-helpers.js';

const FIXTURE = 'pipeline/validations';
const FILE = 'specification/test/resource-manager/Microsoft.Test/stable/2021-01-01/test.json';

const STRING: Type = { kind: 'primitive', primitive: 'string' };

describe('patternProblem', () => {
  // Each verdict was checked against Go's regexp.Compile (what the Kubernetes API server runs).
  it.each([
    ['^[A-Z]{2}-\\d{3}$', undefined],
    ['^[a-zA-Z0-9-_.]+$', undefined],
    ['^[^<>%&:\\\\?/#*$^]*$', undefined],
    ['\\p{L}+', undefined],
    ['a{1000}', undefined],
    ['\\bword\\b', undefined],
    ['^(?=.*[a-z])(?=.*[A-Z]).{12,123}$', 'lookahead'],
    ['(?!x)y', 'lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['(a)\\1', 'backreference'],
    ['(?>a)', 'atomic group'],
    ['a++', 'possessive quantifier'],
    ['(?<n>a)', 'named group (?<name>), unknown to Go before 1.22'],
    ['[\\u0000-\\u007F]', '\\u escape'],
    ['a{1,1024}', 'repeat count over 1000'],
    ['\\Z', 'escape \\Z'],
    ['[\\b]', 'escape \\b in a character class'],
    ['[^]', 'unclosed character class'],
  ])('%s', (pattern, problem) => {
    expect(patternProblem(pattern)).toBe(problem);
  });

  it('reports what JavaScript cannot compile', () => {
    expect(patternProblem('(?i)abc')).toMatch(/^JavaScript: /);
    expect(patternProblem('^(ab')).toMatch(/^JavaScript: .*Unterminated group/);
  });
});

describe('validations', () => {
  it('drops patterns Kubernetes cannot run, contradictory and invalid bounds in specs, keeps the rest', async () => {
    const { model } = await stageAlone(FIXTURE, validationsStage);
    const pkg = onlyPackage(model);
    const type = (name: string) => prop(pkg, 'Widget_Spec', name).type;
    expect(type('label')).toEqual({ kind: 'primitive', primitive: 'string', validations: { maxLength: 63 } });
    expect(type('code')).toEqual({ kind: 'primitive', primitive: 'string', validations: { pattern: '^[A-Z]{2}-\\d{3}$' } });
    expect(type('aliases')).toEqual({ kind: 'array', items: STRING, validations: { minItems: 1, maxItems: 10 } });
    expect(type('serial')).toEqual(STRING);
    expect(type('size')).toEqual({ kind: 'primitive', primitive: 'integer', format: 'int32' });
    expect(type('nickname')).toEqual(STRING);
    expect(type('zones')).toEqual({ kind: 'array', items: STRING });
    expect(type('percent')).toEqual({ kind: 'primitive', primitive: 'number', validations: { minimum: 0, maximum: 100 } });
    expect(type('ratio')).toEqual({ kind: 'primitive', primitive: 'number' });
    expect(type('batch')).toEqual({ kind: 'primitive', primitive: 'integer', format: 'int32', validations: { minimum: 1 } });
    expect(type('prefix')).toEqual({ kind: 'primitive', primitive: 'string', validations: { maxLength: 8 } });
    expect(type('extra')).toEqual({ kind: 'any' });
  });

  it('keeps closed enums, documents open ones (inline, named, as array items) and makes empty enums plain', async () => {
    const { model } = await stageAlone(FIXTURE, validationsStage);
    const pkg = onlyPackage(model);
    const spec = (name: string) => prop(pkg, 'Widget_Spec', name);
    expect(spec('tier').type).toMatchObject({ kind: 'enum', open: false, values: [{ value: 'Basic' }, { value: 'Standard' }] });
    expect(spec('color').type).toEqual(STRING);
    expect(spec('color').description).toBe('The color.\n\nKnown values: "Red", "Green".');
    expect(spec('color').annotations).toBeUndefined();
    expect(spec('color').knownValues).toEqual(['Red', 'Green']);
    expect(spec('color').declaredIn).toBe('WidgetProperties');
    expect(spec('shape').type).toEqual({ kind: 'ref', name: 'Shape' });
    expect(spec('shape').knownValues).toEqual(['Round', 'Square']);
    expect(pkg.types.Shape.type).toEqual(STRING);
    expect(pkg.types.Shape.description).toBe('A shape.\n\nKnown values: "Round", "Square".');
    expect(spec('sizes').type).toEqual({ kind: 'array', items: STRING });
    expect(spec('sizes').description).toBe('Known values: "Small", "Large".');
    expect(spec('legacy').type).toEqual(STRING);
    expect(spec('legacy').knownValues).toBeUndefined();
  });

  it('with openEnums: enforce, open enums become closed enums', async () => {
    const { model, counts } = await stageAlone(FIXTURE, validationsStage, { openEnums: 'enforce' });
    const pkg = onlyPackage(model);
    expect(prop(pkg, 'Widget_Spec', 'color').type).toEqual({ kind: 'enum', base: 'string', open: false, enumName: 'Color', values: [{ value: 'Red' }, { value: 'Green' }] });
    expect(prop(pkg, 'Widget_Spec', 'color').description).toBe('The color.');
    expect(pkg.types.Shape.type).toMatchObject({ kind: 'enum', open: false });
    expect(counts.openEnums).toBe(3);
    // The status documents enums whatever the option.
    expect(prop(pkg, 'Widget_STATUS', 'color').type).toEqual(STRING);
  });

  it('removes every validation from status types and documents their enums', async () => {
    const { model } = await stageAlone(FIXTURE, validationsStage);
    const pkg = onlyPackage(model);
    const status = (name: string) => prop(pkg, 'Widget_STATUS', name);
    expect(status('code').type).toEqual(STRING);
    expect(status('percent').type).toEqual({ kind: 'primitive', primitive: 'number' });
    expect(status('aliases').type).toEqual({ kind: 'array', items: STRING });
    expect(status('tier').type).toEqual(STRING);
    expect(status('tier').description).toBe('The tier.\n\nKnown values: "Basic", "Standard".');
    expect(status('provisioningState').knownValues).toEqual(['Succeeded', 'Failed']);
    expect(pkg.types.Shape_STATUS.type).toEqual(STRING);
    expect(status('extra').type).toEqual({ kind: 'any' });
  });

  it('reports each dropped validation once with its location, and counts', async () => {
    const { diagnostics, counts } = await stageAlone(FIXTURE, validationsStage);
    const at = (property: string) => ({ file: FILE, pointer: `/definitions/WidgetProperties/properties/${property}` });
    expect(diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['pattern-unsupported', at('label')],
      ['pattern-unsupported', at('aliases')],
      ['pattern-unsupported', at('serial')],
      ['validation-contradiction', at('size')],
      ['validation-contradiction', at('nickname')],
      ['validation-contradiction', at('zones')],
      ['validation-contradiction', at('ratio')],
      ['validation-invalid', at('batch')],
      ['validation-invalid', at('prefix')],
      ['enum-empty', at('legacy')],
    ]);
    expect(diagnostics.find((d) => d.location?.pointer.endsWith('/ratio'))?.message).toBe('Widget_Spec: minimum = maximum = 1 with an exclusive bound allows no value; dropped');
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(counts).toEqual({
      openEnums: 3,
      'validations.patternsDropped': 3,
      'validations.contradictionsDropped': 4,
      'validations.invalidDropped': 2,
      'validations.emptyEnums': 2,
      'validations.droppedFromStatus': 12,
    });
  });

  it('does not mutate its input', async () => {
    const { input, inputCopy, model } = await stageAlone(FIXTURE, validationsStage);
    expect(model).not.toBe(input);
    expect(input).toEqual(inputCopy);
  });
});

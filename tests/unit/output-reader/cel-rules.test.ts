/**
 * The CEL rules (`x-kubernetes-validations`) of CRD schemas, evaluated as the API server does on
 * create: the rules the crossplane target writes (a required parameter in forProvider or
 * initProvider, when the management policies let Crossplane create or update), on the CRD the
 * crossplane emitter writes for fixture `pipeline/crossplane-managed`, then each rule feature on
 * hand-written schemas.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { celFieldName, compileCelRules, toCel } from '../../../generator/output-reader/cel-rules.js';
import { compileValidator, prepareObject } from '../../../generator/output-reader/validate-object.js';
import { crdEmitter, type CustomResourceDefinition } from '../../../generator/emit/crd/index.js';
import { crossplaneStages } from '../../../generator/targets/crossplane.js';
import { loadFixture, runStages } from '../../helpers.js';
import { recordingContext } from '../emit/crd/helpers.js';

type Json = Record<string, unknown>;

describe('the CEL rules of a crossplane CRD', () => {
  const { model } = runStages(loadFixture('pipeline/crossplane-managed').model, [...crossplaneStages]);
  const files = crdEmitter.emit(model, recordingContext());
  const crd = load(files.find((f) => f.path === 'crds/test.azure.com_widgets.yaml')!.content) as CustomResourceDefinition;
  const root = crd.spec.versions[0].schema.openAPIV3Schema;
  const rules = compileCelRules(root);
  const schemaErrors = compileValidator(root);
  const widget = (spec: Json) => ({ apiVersion: 'test.azure.com/v20210101', kind: 'Widget', metadata: { name: 'w1' }, spec });
  /** As the API server checks an object on create: defaults first, then the schema and the rules. */
  const check = (object: unknown) => ({ schema: schemaErrors(object), ...rules(prepareObject(object, root)) });
  const required = (name: string) => ({ path: 'spec', message: `spec.forProvider.${name} is a required parameter` });

  it('are the crossplane rules of the required parameters (the test relies on them)', () => {
    const written = root.properties!.spec['x-kubernetes-validations']!;
    expect(written.map((r) => r.message)).toEqual(['spec.forProvider.location is a required parameter', 'spec.forProvider.namespace is a required parameter']);
    expect(written[0].rule).toContain("'*' in self.managementPolicies");
    expect(written[0].rule).toContain('has(self.initProvider)');
  });

  it('refuse a missing required parameter, with managementPolicies defaulted to ["*"] as the API server does', () => {
    const result = check(widget({ forProvider: { namespace: 'n1' } }));
    expect(result.schema).toEqual([]);
    expect(result.errors).toEqual([required('location')]);
    expect(result.warnings).toEqual([]);
    expect(check(widget({ forProvider: {} })).errors).toEqual([required('location'), required('namespace')]);
    expect(check(widget({ forProvider: {}, managementPolicies: ['Update'] })).errors).toHaveLength(2);
  });

  it('accept the parameter in forProvider or in initProvider, and anything when Crossplane only observes', () => {
    expect(check(widget({ forProvider: { location: 'westeurope', namespace: 'n1' } })).errors).toEqual([]);
    expect(check(widget({ forProvider: { namespace: 'n1' }, initProvider: { location: 'westeurope' } })).errors).toEqual([]);
    expect(check(widget({ forProvider: {}, managementPolicies: ['Observe'] })).errors).toEqual([]);
    expect(check(widget({ forProvider: {}, managementPolicies: ['Observe', 'Delete', 'LateInitialize'] })).errors).toEqual([]);
  });
});

describe('compileCelRules', () => {
  const object = (properties: Json, rules: Json[], extra: Json = {}) => ({ type: 'object', properties, 'x-kubernetes-validations': rules, ...extra });
  const run = (schema: Json, value: unknown) => compileCelRules(schema)(value);

  it('gives the message of a failed rule on the path of its node, and "failed rule" without one', () => {
    const schema = object({ spec: object({ replicas: { type: 'integer' }, tier: { type: 'string' } }, [{ rule: 'self.replicas <= 5', message: 'at most 5 replicas' }, { rule: "!has(self.tier) || self.tier != 'Gold'" }]) }, []);
    expect(run(schema, { spec: { replicas: 3 } }).errors).toEqual([]);
    expect(run(schema, { spec: { replicas: 6, tier: 'Gold' } }).errors).toEqual([
      { path: 'spec', message: 'at most 5 replicas' },
      { path: 'spec', message: "failed rule: !has(self.tier) || self.tier != 'Gold'" },
    ]);
  });

  it('types integers as CEL int and numbers as double, and evaluates size(), in, all() and exists()', () => {
    const schema = object({ n: { type: 'integer' }, x: { type: 'number' }, names: { type: 'array', items: { type: 'string' } }, tags: { type: 'object', additionalProperties: { type: 'string' } } }, [
      { rule: 'self.n / 2 == 2', message: 'int division' },
      { rule: 'self.x > 1', message: 'double' },
      { rule: 'size(self.names) == 2 && "a" in self.names && self.names.all(n, n.size() == 1)', message: 'list' },
      { rule: "self.tags.exists(k, k == 'env') && self.tags['env'] == 'prod'", message: 'map' },
    ]);
    // 5 / 2 is 2 in integer division: an int, not a double.
    expect(run(schema, { n: 5, x: 1.5, names: ['a', 'b'], tags: { env: 'prod' } }).errors).toEqual([]);
    expect(run(schema, { n: 6, x: 0.5, names: ['a', 'bc'], tags: { env: 'dev' } }).errors.map((e) => e.message)).toEqual(['int division', 'double', 'list', 'map']);
  });

  it('runs the rules of items and of map values on each, with the element as self and its path', () => {
    const item = object({ port: { type: 'integer' } }, [{ rule: 'self.port > 0', message: 'port must be positive' }]);
    const schema = { type: 'object', properties: { rules: { type: 'array', items: item }, byName: { type: 'object', additionalProperties: item } } };
    expect(run(schema, { rules: [{ port: 1 }, { port: 0 }], byName: { 'a.b': { port: -1 } } }).errors).toEqual([
      { path: 'rules[1]', message: 'port must be positive' },
      { path: 'byName["a.b"]', message: 'port must be positive' },
    ]);
    // An absent field's rules are not run.
    expect(run(schema, {}).errors).toEqual([]);
  });

  it('names properties as Kubernetes escapes them: reserved words and -, ., / in names', () => {
    expect(['in', 'namespace', 'my-field', 'a.b', 'x/y', 'a__b', 'ok_name', '1abc'].map(celFieldName)).toEqual(['__in__', '__namespace__', 'my__dash__field', 'a__dot__b', 'x__slash__y', 'a__underscores__b', 'ok_name', undefined]);
    const schema = object({ in: { type: 'string' }, 'my-field': { type: 'integer' } }, [{ rule: "self.__in__ == 'x' && self.my__dash__field == 1", message: 'escaped' }]);
    expect(run(schema, { in: 'x', 'my-field': 1 }).errors).toEqual([]);
    expect(run(schema, { in: 'y', 'my-field': 1 }).errors).toEqual([{ path: '', message: 'escaped' }]);
    // Map keys are not escaped, and keys that are Object built-ins are plain keys.
    expect(toCel({ constructor: 'c' }, { type: 'object', additionalProperties: { type: 'string' } })).toEqual(new Map([['constructor', 'c']]));
  });

  it('does not run transition rules (oldSelf) on create', () => {
    const schema = object({ name: { type: 'string' } }, [{ rule: 'self.name == oldSelf.name', message: 'immutable' }]);
    expect(run(schema, { name: 'a' })).toEqual({ errors: [], warnings: [] });
  });

  it('uses messageExpression, and fieldPath for the path', () => {
    const schema = object({ spec: object({ size: { type: 'integer' } }, [{ rule: 'self.size < 10', messageExpression: "'size ' + string(self.size) + ' is too large'", fieldPath: '.size' }]) }, []);
    expect(run(schema, { spec: { size: 12 } }).errors).toEqual([{ path: 'spec.size', message: 'size 12 is too large' }]);
  });

  it('reports a rule that fails to evaluate (a missing key), as the API server does', () => {
    const schema = object({ a: { type: 'string' } }, [{ rule: "self.a == 'x'", message: 'a is x' }]);
    const errors = run(schema, {}).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^rule "self\.a == 'x'" could not be evaluated: .*a/);
  });

  it('warns, without failing the object, of a rule the evaluator cannot compile', () => {
    const schema = object({ a: { type: 'string' } }, [{ rule: 'self.a.noSuchFunction()', message: 'm' }, { rule: 'self.a ==', message: 'syntax' }]);
    const result = run(schema, { a: 'x' });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^rule "self\.a\.noSuchFunction\(\)" not checked: /), expect.stringMatching(/^rule "self\.a ==" not checked: /)]);
  });

  it('runs matches() on RE2: a backtracking pattern on a long input finishes at once, and the result is right', () => {
    const schema = object({ user: { type: 'string' } }, [{ rule: "self.user.matches('^[a-zA-Z0-9]+([._]?[a-zA-Z0-9]+)*$')", message: 'bad user name' }, { rule: "matches(self.user, '^a')", message: 'starts with a' }]);
    const started = performance.now();
    expect(run(schema, { user: 'a'.repeat(10_000) + '!' }).errors).toEqual([{ path: '', message: 'bad user name' }]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(run(schema, { user: 'adam.smith' }).errors).toEqual([]);
    expect(run(schema, { user: 'bob' }).errors).toEqual([{ path: '', message: 'starts with a' }]);
  });
});

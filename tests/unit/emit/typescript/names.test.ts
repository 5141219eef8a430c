/** The small text helpers of the TypeScript emitter: names, quoting, doc comments, paths. */
import { describe, expect, it } from 'vitest';
import { access, docText, functionStem, NameAllocator, propertyKey, quote, sanitize } from '../../../../generator/emit/typescript/names.js';
import { PathText } from '../../../../generator/emit/typescript/paths.js';

describe('names', () => {
  it('quotes property names that are not identifiers', () => {
    expect(propertyKey('addressSpace')).toBe('addressSpace');
    expect(propertyKey('odata.type')).toBe("'odata.type'");
    expect(propertyKey("it's")).toBe("'it\\'s'");
    expect(access('value', 'name')).toBe('value.name');
    expect(access('value', '@odata.type', true)).toBe("value?.['@odata.type']");
    expect(quote('a\nb\\c')).toBe("'a\\nb\\\\c'");
  });

  it('makes identifiers of any name', () => {
    expect(sanitize('Sku-Name.v2')).toBe('Sku_Name_v2');
    expect(sanitize('2Fa')).toBe('_2Fa');
    expect(functionStem('OSProfile_STATUS')).toBe('osProfile_STATUS');
    expect(functionStem('IPConfiguration')).toBe('ipConfiguration');
    expect(functionStem('Subnet')).toBe('subnet');
  });

  it('hands out unique names, reserved words and globals excluded', () => {
    const names = new NameAllocator();
    expect(names.claim('Subnet')).toBe('Subnet');
    expect(names.claim('Subnet')).toBe('Subnet2');
    expect(names.claim('Error')).toBe('Error2');
    expect(names.claim('Record')).toBe('Record2');
    expect(names.claim('ResourceReference')).toBe('ResourceReference2');
    expect(names.claim('Foo', (n) => [`${n}_ARM`])).toBe('Foo');
    expect(names.has('Foo_ARM')).toBe(true);
    expect(names.claim('Foo_ARM')).toBe('Foo_ARM2');
  });

  it('writes doc comment text that cannot close the comment', () => {
    expect(docText('Ends */ here.\r\nSecond line.  ')).toBe('Ends *\\/ here.\nSecond line.');
    expect(docText('   ')).toBeUndefined();
  });
});

describe('paths', () => {
  it('is a string literal when known, a template when it depends on variables', () => {
    expect(PathText.literal('spec').property('subnets').expression).toBe("'spec.subnets'");
    expect(PathText.variable('path').expression).toBe('path');
    expect(PathText.variable('path').property('subnets').index('index').expression).toBe('`${path}.subnets[${index}]`');
    expect(PathText.literal('spec').property('tags').key('key').expression).toBe('`spec.tags[${JSON.stringify(key)}]`');
    expect(PathText.literal('spec').property('odd-name').expression).toBe('\'spec["odd-name"]\'');
  });

  it('writes Secret keys without brackets', () => {
    const root = PathText.literal('', 'key');
    expect(root.property('adminPassword').expression).toBe("'adminPassword'");
    expect(root.property('apiKeys').index('index').expression).toBe('`apiKeys.${index}`');
    expect(root.index('index').expression).toBe('`${index}`');
    expect(PathText.variable('path', 'key').property('clientSecret').expression).toBe('`${path}.clientSecret`');
  });
});

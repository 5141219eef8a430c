/**
 * `statementsText` writes what ts-morph's `printStructure` writes, byte for byte: for every file
 * of the fixtures (all pipeline fixtures, the hand-built package), of Network 2021-02-01 and
 * Compute 2021-03-01, and for each shape on its own (docs of one or several lines, index
 * signatures, optional parameters, empty bodies, imports, text statements and the blank lines
 * between statements). Structures it does not know give undefined, and the printer then uses
 * ts-morph.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../../generator/diagnostics.js';
import { bodyOf } from '../../../../generator/emit/typescript/body.js';
import { typescriptFiles } from '../../../../generator/emit/typescript/index.js';
import { Printer } from '../../../../generator/emit/typescript/printer.js';
import { statementsText } from '../../../../generator/emit/typescript/statement-text.js';
import type { Model } from '../../../../generator/model/types.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { fixturesDir, hasAzureSpecs, loadAzure, loadFixture, runStages } from '../../../helpers.js';
import { handPackage } from './support.js';

const printer = new Printer();

function context() {
  return { diagnostics: new Diagnostics('typescript'), count: () => {} };
}

/** Every file of a model: the text printer's output, and ts-morph's. */
function bothPrinters(model: Model): { path: string; text: string | undefined; tsMorph: string }[] {
  return [...typescriptFiles(model, context())].map((f) => ({ path: f.path, text: statementsText(f.statements), tsMorph: printer.printWithTsMorph(f.statements) }));
}

function expectSame(model: Model): number {
  const files = bothPrinters(model);
  for (const f of files) {
    expect(f.text, f.path).toBeDefined();
    expect(f.text, f.path).toBe(f.tsMorph);
  }
  return files.length;
}

const same = (statements: (string | StatementStructures)[]) => {
  const text = statementsText(statements);
  expect(text).toBeDefined();
  expect(text).toBe(printer.printWithTsMorph(statements));
  return text!;
};

describe('statementsText: the emitter output', () => {
  const pipelineFixtures = readdirSync(path.join(fixturesDir, 'pipeline')).filter((f) => !f.startsWith('crossplane'));

  it.each(pipelineFixtures)('every file of pipeline/%s is printed as ts-morph prints it', (fixture) => {
    const model = runStages(loadFixture(`pipeline/${fixture}`).model, [...asoStages]).model;
    expect(expectSame(model)).toBeGreaterThan(0);
  });

  it('every file of the hand-built package (names like the kind and globals, inline objects, additional properties)', () => {
    expect(expectSame({ packages: [handPackage()] })).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!hasAzureSpecs).each([
    ['Microsoft.Network', '2021-02-01'],
    ['Microsoft.Compute', '2021-03-01'],
  ])('every file of %s %s', (namespace, version) => {
    const model = runStages(loadAzure(namespace, version).model, [...asoStages]).model;
    expect(expectSame(model)).toBeGreaterThan(15);
  });
});

describe('statementsText: shapes', () => {
  it('interfaces: docs of one and several lines, an index signature, optional properties, an empty interface', () => {
    const text = same([
      '// header\n// second line',
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'armkube/runtime', isTypeOnly: true, namedImports: ['A', 'B'] },
      {
        kind: StructureKind.Interface,
        name: 'Widget',
        isExported: true,
        docs: ['First line.\n\nAfter a blank line.'],
        indexSignatures: [{ keyName: 'key', keyType: 'string', returnType: 'unknown' }],
        properties: [
          { name: 'a', type: 'string', hasQuestionToken: true, docs: ['One line.'] },
          { name: "'b-c'", type: "'x' | 'y'", docs: ['Two\nlines.'] },
          { name: 'd', type: '{ [key: string]: unknown; name: string }' },
        ],
      },
      { kind: StructureKind.Interface, name: 'Empty', isExported: true, docs: [], properties: [] },
      { kind: StructureKind.TypeAlias, name: 'One', isExported: true, docs: ['An alias.'], type: "'a' | (string & {})" },
      { kind: StructureKind.TypeAlias, name: 'Two', isExported: false, type: 'number' },
    ]);
    expect(text).toContain("export interface Widget {\n  [key: string]: unknown;\n  /** One line. */\n  a?: string;\n  /**\n   * Two\n   * lines.\n   */\n  'b-c': 'x' | 'y';\n");
    expect(text).toContain('export interface Empty {\n}\n\n/** An alias. */\nexport type One');
    // Type aliases follow one another without a blank line.
    expect(text).toContain("export type One = 'a' | (string & {});\ntype Two = number;\n");
  });

  it('functions: optional parameters, a body of lines, an empty body, a blank line before each', () => {
    const text = same([
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './types.js', namedImports: [{ name: 'T', isTypeOnly: true }, 'f'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './all.js', namespaceImport: 'all' },
      {
        kind: StructureKind.Function,
        name: 'convert',
        isExported: true,
        docs: ['Converts `value`: `{ a }` → `{ b }`.'],
        parameters: [
          { name: 'value', type: 'T' },
          { name: 'path', type: 'string', hasQuestionToken: true },
        ],
        returnType: '{ b: string }',
        statements: bodyOf(['const result = { b: `${path}.b` };', "if (value) {", "  result.b = 'it\\'s';", '}', 'return result;']),
      },
      { kind: StructureKind.Function, name: 'nothing', parameters: [], returnType: 'void', statements: bodyOf([]) },
      'export const after = 1;',
    ]);
    expect(text).toContain("import { type T, f } from './types.js';\nimport * as all from './all.js';\n\n/** Converts");
    expect(text).toContain("export function convert(value: T, path?: string): { b: string } {\n  const result = { b: `${path}.b` };\n  if (value) {\n    result.b = 'it\\'s';\n  }\n  return result;\n}\n\nfunction nothing(): void {\n}\n\nexport const after = 1;\n");
  });

  it('text statements: a blank line after one ending with }, a line break otherwise, a final line break', () => {
    expect(same(['a();', 'b();'])).toBe('a();\nb();\n');
    expect(same(['if (x) {\n  y();\n}', 'z();'])).toBe('if (x) {\n  y();\n}\n\nz();\n');
    expect(same(['a();\n', 'b();\n\n', 'c();'])).toBe('a();\nb();\n\nc();\n');
    expect(same([])).toBe('\n');
  });

  it('leaves structures it does not know to ts-morph', () => {
    const unknown: (string | StatementStructures)[][] = [
      [{ kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'x', initializer: '1' }] }],
      [{ kind: StructureKind.Interface, name: 'I', properties: [{ name: 'a', type: 'string', isReadonly: true }] }],
      [{ kind: StructureKind.TypeAlias, name: 'T', type: 'A |\n  B' }],
      [{ kind: StructureKind.Function, name: 'f', statements: (writer) => writer.writeLine('x();') }],
      [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: 'x', defaultImport: 'X' }],
      ['/* an open comment'],
    ];
    for (const statements of unknown) {
      expect(statementsText(statements)).toBeUndefined();
      expect(printer.print('x.ts', statements)).toBe(printer.printWithTsMorph(statements));
    }
  });
});

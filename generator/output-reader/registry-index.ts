/**
 * Reads the generated registry (`<out>/ts/index.ts`) as text, without running it: which kinds
 * exist, their ARM type and api-version, and the module each one's functions come from. Running
 * the registry would import (and first transpile) every kind of the output, hundreds of MB for
 * the whole corpus; a CLI command needs one kind, so it reads this index and loads only that.
 */
import { ts } from 'ts-morph';

/** What names a kind at one version in the generated registry: its Kubernetes identity, ARM type and api-version. */
export interface KindIdentity {
  group: string;
  version: string;
  kind: string;
  plural: string;
  armType: string;
  armApiVersion: string;
}

/** One entry of the registry, as written, with the module (relative to `ts/`, `.ts`) that holds its functions. */
export interface RegistryEntry extends KindIdentity {
  /** `storage.azure.com/v20210401/StorageAccount.ts`. */
  module: string;
  /** The export of `module` behind each function of the descriptor. */
  functions: Record<ConversionFunction, string>;
}

export const CONVERSION_FUNCTIONS = ['collectReferences', 'specToArm', 'armToSpec', 'armToStatus'] as const;
export type ConversionFunction = (typeof CONVERSION_FUNCTIONS)[number];

const TEXT_FIELDS = ['group', 'version', 'kind', 'plural', 'armType', 'armApiVersion'] as const;

export interface RegistryIndex {
  entries: RegistryEntry[];
  /** Entries that could not be read (a field missing or not a literal), with why. */
  problems: string[];
}

/** Parses the registry source. Every `descriptor({...})` (or plain object) in `resources` is one entry. */
export function parseRegistry(source: string, fileName = 'index.ts'): RegistryIndex {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const modules = new Map<string, string>();
  const entries: RegistryEntry[] = [];
  const problems: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) modules.set(bindings.name.text, statement.moduleSpecifier.text);
    }
  }
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'resources') continue;
      const list = declaration.initializer;
      if (!list || !ts.isArrayLiteralExpression(list)) {
        problems.push(`${fileName}: "resources" is not an array literal`);
        continue;
      }
      list.elements.forEach((element, i) => {
        const entry = entryOf(element, modules);
        if (typeof entry === 'string') problems.push(`${fileName}: resources[${i}]: ${entry}`);
        else entries.push(entry);
      });
    }
  }
  return { entries, problems };
}

function entryOf(element: ts.Expression, modules: Map<string, string>): RegistryEntry | string {
  const object = ts.isCallExpression(element) && element.arguments.length === 1 ? element.arguments[0] : element;
  if (!ts.isObjectLiteralExpression(object)) return 'not an object literal';
  const text: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  const functions: Partial<Record<ConversionFunction, string>> = {};
  let module: string | undefined;
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) continue;
    const name = property.name.text;
    const value = property.initializer;
    if ((TEXT_FIELDS as readonly string[]).includes(name) && ts.isStringLiteralLike(value)) text[name as (typeof TEXT_FIELDS)[number]] = value.text;
    else if ((CONVERSION_FUNCTIONS as readonly string[]).includes(name) && ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression)) {
      const from = modules.get(value.expression.text);
      if (from === undefined) return `${name} comes from ${value.expression.text}, which is not an imported module`;
      if (module !== undefined && module !== from) return `its functions come from two modules (${module}, ${from})`;
      module = from;
      functions[name as ConversionFunction] = value.name.text;
    }
  }
  const missing = [...TEXT_FIELDS.filter((f) => text[f] === undefined), ...CONVERSION_FUNCTIONS.filter((f) => functions[f] === undefined)];
  if (missing.length || module === undefined) return `missing ${missing.join(', ')}`;
  if (!module.startsWith('./')) return `its module ${module} is not inside ts/`;
  return { ...(text as Record<(typeof TEXT_FIELDS)[number], string>), module: module.slice(2).replace(/\.js$/, '.ts'), functions: functions as Record<ConversionFunction, string> };
}

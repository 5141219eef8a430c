/**
 * Every symbol of the public API (`generator/index.ts`) has a doc comment on its declaration,
 * the `/** ... *\/` in its own file that tsc carries into the .d.ts a library user's editor shows.
 * The check follows re-exports to the declaration (for `export const x`, the comment sits on
 * the statement) and wants the comment right above it: a file's header comment, separated from
 * the first declaration by a blank line, does not count as that declaration's doc.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

interface ExportDoc {
  name: string;
  kind: string;
  file: string;
  /** The doc comment's text, empty when there is none. */
  doc: string;
}

/** Each exported symbol of `entry` with the doc comment of each of its declarations. */
function exportDocs(entry: SourceFile): ExportDoc[] {
  const out: ExportDoc[] = [];
  for (const [name, declarations] of entry.getExportedDeclarations()) {
    for (const declaration of declarations) {
      out.push({ name, kind: declaration.getKindName(), file: path.relative(repoRoot, declaration.getSourceFile().getFilePath()), doc: docOf(declaration) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function docOf(declaration: Node): string {
  const node = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatementOrThrow() : declaration;
  if (!Node.isJSDocable(node)) return '';
  const last = node.getJsDocs().at(-1);
  if (!last) return '';
  // Right above the declaration: no blank line between the comment and the code.
  const sourceFile = node.getSourceFile();
  const commentEnd = sourceFile.getLineAndColumnAtPos(last.getEnd()).line;
  const codeStart = sourceFile.getLineAndColumnAtPos(node.getStart(false)).line;
  if (codeStart - commentEnd > 1) return '';
  return (last.getDescription() + ' ' + last.getTags().map((t) => t.getCommentText() ?? '').join(' ')).trim();
}

function entryOf(file: string): SourceFile {
  const project = new Project({ tsConfigFilePath: path.join(repoRoot, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const entry = project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  return entry;
}

const undocumented = (docs: ExportDoc[]) => docs.filter((d) => !d.doc).map((d) => `${d.name} (${d.kind} in ${d.file})`);

describe('public API docs', () => {
  const source = exportDocs(entryOf(path.join(repoRoot, 'generator', 'index.ts')));

  it('exports the library groups', () => {
    const names = new Set(source.map((d) => d.name));
    for (const name of ['loadSpecs', 'Model', 'walkType', 'Stage', 'runPipeline', 'insertAfter', 'insertBefore', 'replaceStage', 'asoStages', 'targets', 'Emitter', 'writeOutput', 'crdEmitter', 'loadConfig', 'Diagnostics', 'loadGeneratedCode', 'loadGeneratedFiles']) {
      expect(names, name).toContain(name);
    }
    expect(source.length).toBeGreaterThan(60);
  });

  it('every exported symbol has a doc comment on its declaration', () => {
    expect(undocumented(source)).toEqual([]);
  });

  it('the built .d.ts files carry those comments', () => {
    const built = path.join(repoRoot, 'dist', 'generator', 'index.d.ts');
    expect(existsSync(built), 'dist/generator/index.d.ts is missing: run npm run build').toBe(true);
    const declarations = exportDocs(entryOf(built));
    expect(declarations.map((d) => d.name), 'dist is older than generator/index.ts: run npm run build').toEqual(source.map((d) => d.name));
    expect(undocumented(declarations)).toEqual([]);
  });

  it('the check finds what lacks a doc comment', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    project.createSourceFile(
      '/lib/a.ts',
      [
        '/** The file header, not a doc. */',
        '',
        'export interface Headed { x: number }',
        '/** Documented. */',
        'export const documented = 1;',
        'export const bare = 2;',
        'export function f(): void {}',
        '/** A class. */',
        'export class C {}',
        'export type T = string;',
      ].join('\n'),
    );
    const entry = project.createSourceFile('/lib/index.ts', "export { Headed, documented, bare, f, C, type T } from './a.js';\nexport * from './a.js';\n");
    project.resolveSourceFileDependencies();
    expect(undocumented(exportDocs(entry)).map((d) => d.split(' ')[0])).toEqual(['bare', 'f', 'Headed', 'T']);
  });
});

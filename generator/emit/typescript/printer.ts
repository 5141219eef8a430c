/**
 * Turns statement structures into file text in the layout of ts-morph's structure printer
 * (`printStructure`: two-space indent, single quotes, LF), which writes formatted code without
 * parsing it. The shapes the emitter makes are written by `statement-text.ts` (the same bytes,
 * several times faster); a file with any other structure goes through `printStructure`.
 * `formatText()` is not run on every file: a test checks that it changes nothing in the fixtures'
 * output.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, printStructure, type StatementStructures } from 'ts-morph';
import { statementsText } from './statement-text.js';

export class Printer {
  /** Only `formatted` needs a project: made on first use. */
  private project?: Project;

  print(_path: string, statements: (string | StatementStructures)[]): string {
    return statementsText(statements) ?? this.printWithTsMorph(statements);
  }

  /** ts-morph's printing of `statements`: what `statementsText` writes for the shapes it knows, and the only printer for the others. */
  printWithTsMorph(statements: (string | StatementStructures)[]): string {
    const text = printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
    return text.endsWith('\n') ? text : `${text}\n`;
  }

  /** The text of a file after ts-morph's `formatText()`: equal to `text` when the text was already formatted. */
  formatted(path: string, text: string): string {
    this.project ??= new Project({
      useInMemoryFileSystem: true,
      manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
    });
    const file = this.project.createSourceFile(`/${path}`, text, { overwrite: true });
    file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
    const out = file.getFullText();
    this.project.removeSourceFile(file);
    return out;
  }
}

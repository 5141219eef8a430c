/**
 * The whole generator in-process, through the library's `generate` as `armkube generate` runs
 * it: load the specs, run the aso stages and emitters, and write the output folder (all or
 * nothing) unless a stage or emitter crashed. An exception escaping any step is caught here only to be reported as a
 * finding: in the CLI it would be uncaught.
 */
import { createHash } from 'node:crypto';
import { CRASH_CODES } from '../../generator/diagnostic-codes.js';
import type { Diagnostic } from '../../generator/diagnostics.js';
import type { EmittedFile } from '../../generator/emit/emitter.js';
import { writeOutput } from '../../generator/emit/write-output.js';
import { generate } from '../../generator/generate/index.js';

/** Diagnostics that mean armkube itself failed, not the specs (as in `armkube generate`). */
export const BUG_CODES: ReadonlySet<string> = CRASH_CODES;

export interface ReportedDiagnostic {
  code: string;
  severity: string;
  source?: string;
  file?: string;
  pointer?: string;
  /** The message, cut to 2,000 characters (huge strings end up in messages). */
  message: string;
}

export interface GenerateOutcome {
  /** The step an exception escaped from, with its stack; undefined when none did. */
  uncaught?: { step: 'load' | 'pipeline' | 'emit' | 'write'; error: string };
  diagnostics: ReportedDiagnostic[];
  written: boolean;
  /** The emitted files: how many, and a digest of their sorted paths and contents (see `digestFiles`). */
  emitted: { files: number; digest: string };
  milliseconds: number;
}

/** SHA-256 over the sorted (path, content) pairs; `folderDigest` computes the same over a folder. */
export function digestFiles(files: readonly { path: string; content: string | Buffer }[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(f.path).update('\0').update(typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content).update('\0');
  }
  return hash.digest('hex');
}

function report(d: Diagnostic): ReportedDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    source: d.source,
    file: d.location?.file,
    pointer: d.location?.pointer.slice(0, 2000),
    message: d.message.length > 2000 ? d.message.slice(0, 2000) + '…' : d.message,
  };
}

export async function generateOnce(specsDir: string, outDir: string): Promise<GenerateOutcome> {
  const started = performance.now();
  let all: Diagnostic[] = [];
  let files: EmittedFile[] = [];
  let step: 'load' | 'pipeline' | 'emit' | 'write' = 'load';
  let written = false;
  let uncaught: GenerateOutcome['uncaught'];
  try {
    const result = await generate({ specsDir, target: 'aso', onProgress: (_, at) => void (step = at === 'stages' ? 'pipeline' : at) });
    all = result.diagnostics;
    files = result.files;
    step = 'write';
    if (!result.report.crashed) {
      writeOutput(outDir, files);
      written = true;
    }
  } catch (e) {
    uncaught = { step, error: ((e as Error).stack ?? String(e)).slice(0, 4000) };
  }
  return {
    uncaught,
    diagnostics: all.map(report),
    written,
    emitted: { files: files.length, digest: digestFiles(files) },
    milliseconds: Math.round(performance.now() - started),
  };
}

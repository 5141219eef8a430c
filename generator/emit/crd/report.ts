/** Diagnostics of the CRD emitter: every one carries the emitter id as its source. */
import type { Severity, SourceLocation } from '../../diagnostics.js';
import type { CodeOfSeverity } from '../../diagnostic-codes.js';
import type { EmitContext } from '../emitter.js';

export const CRD_EMITTER_ID = 'crd';

export function report<S extends Severity>(context: Pick<EmitContext, 'diagnostics'>, severity: S, code: CodeOfSeverity<S>, message: string, location?: SourceLocation): void {
  context.diagnostics.add({ code, severity, message, ...(location && { location }), source: CRD_EMITTER_ID });
}

#!/usr/bin/env node
/** The armkube command line. One file per command; this one only wires them up. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { registerDocsCommand } from './docs.js';
import { registerGenerateCommand } from './generate.js';
import { registerImportCommand } from './import.js';
import { registerListCommand } from './list.js';
import { registerModelCommand } from './model.js';
import { registerPipelineCommand } from './pipeline.js';
import { registerRenderCommand } from './render.js';
import { EXIT_USAGE } from './output.js';
import { registerSpecsCommand } from './specs.js';
import { registerValidateCommand } from './validate.js';
import { packageRoot } from './specs-dir.js';

const version = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

const program = new Command()
  .name('armkube')
  .description('Generate Kubernetes CRDs, TypeScript types and ARM conversion code from the Azure REST API specs')
  .version(version)
  .enablePositionalOptions()
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  });

registerSpecsCommand(program);
registerModelCommand(program);
registerPipelineCommand(program);
registerGenerateCommand(program);
registerImportCommand(program);
registerRenderCommand(program);
registerValidateCommand(program);
registerListCommand(program);
registerDocsCommand(program);

await program.parseAsync();

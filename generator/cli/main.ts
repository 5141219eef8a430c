#!/usr/bin/env node
/**
 * The armkube command line. One file per command; this one only wires them up. A command's module
 * (and what it imports: the loader, ts-morph, ajv ...) is loaded only when that command runs, so
 * `armkube validate` or `--version` does not pay for `generate`'s dependencies; help without a
 * command loads them all to list them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../package-root.js';
import { EXIT_USAGE } from './output.js';

type Register = (program: Command) => void;

/** Command name → its module's register function, in the order `--help` lists them. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  generate: async () => (await import('./generate.js')).registerGenerateCommand,
  list: async () => (await import('./list.js')).registerListCommand,
  import: async () => (await import('./import.js')).registerImportCommand,
  render: async () => (await import('./render.js')).registerRenderCommand,
  validate: async () => (await import('./validate.js')).registerValidateCommand,
  docs: async () => (await import('./docs.js')).registerDocsCommand,
  specs: async () => (await import('./specs.js')).registerSpecsCommand,
  model: async () => (await import('./model.js')).registerModelCommand,
  pipeline: async () => (await import('./pipeline.js')).registerPipelineCommand,
};

const version = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

const program = new Command()
  .name('armkube')
  .description('Generate Kubernetes CRDs, TypeScript types, ARM conversion code, clients and docs from the Azure REST API specs')
  .version(version)
  .enablePositionalOptions()
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  });

const args = process.argv.slice(2);
const named = args.find((a) => !a.startsWith('-'));
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
const wanted = versionOnly ? [] : named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
for (const name of wanted) (await COMMANDS[name]())(program);

await program.parseAsync();

/**
 * `generate` and `docs` never replace what armkube did not write: one test per way the output
 * path can name something else (exit 2, the path and the reason in the message, the folder or
 * file byte for byte as it was), and the folders armkube did write still replaced atomically.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listFiles } from '../../generator/emit/write-output.js';
import { armkube, fixture, tree } from './safety-helpers.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-e2e-refusal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A project folder as a user has it: a git repository with uncommitted work and a sub-folder to run in. */
let project: string;
beforeEach((context) => {
  project = path.join(root, context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
  mkdirSync(path.join(project, '.git', 'refs'), { recursive: true });
  writeFileSync(path.join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(path.join(project, 'notes.md'), 'uncommitted work\n');
  mkdirSync(path.join(project, 'app', 'src'), { recursive: true });
  writeFileSync(path.join(project, 'app', 'src', 'main.ts'), 'export const x = 1;\n');
});

/** Runs `generate` on the fixture, expects a refusal naming `named` and matching `reason`, and `guarded` untouched. */
function expectRefused(args: string[], cwd: string, guarded: string, named: string, reason: RegExp) {
  const before = tree(guarded);
  const run = armkube(['generate', '--specs', fixture, '--all', '--quiet', ...args], { cwd });
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain(`refusing to replace ${named}`);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(tree(guarded)).toEqual(before);
  return run;
}

describe('generate refuses to replace what armkube did not write (exit 2, untouched)', () => {
  it('a folder armkube did not write', () => {
    const run = expectRefused(['--out', 'app'], project, project, path.join(project, 'app'), /not written by armkube \(no \.armkube-output\.json/);
    expect(run.stderr).toMatch(/Choose a new or empty folder/);
  });

  it('a regular file', () => {
    expectRefused(['--out', 'notes.md'], project, project, path.join(project, 'notes.md'), /is a file, not a folder/);
  });

  it('the specs folder', () => {
    // A copy of the fixture as the user's specs, so that the test can run generate on it.
    const specs = path.join(project, 'specs');
    for (const f of listFiles(fixture)) {
      mkdirSync(path.dirname(path.join(specs, f)), { recursive: true });
      writeFileSync(path.join(specs, f), readFileSync(path.join(fixture, f)));
    }
    const before = tree(specs);
    const run = armkube(['generate', '--specs', specs, '--all', '--out', specs], { cwd: project });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`refusing to replace ${specs}: it is the specs folder`);
    expect(tree(specs)).toEqual(before);
  });

  it('a folder that contains the specs folder', () => {
    const specs = path.join(project, 'app', 'specs');
    mkdirSync(specs, { recursive: true });
    writeFileSync(path.join(specs, 'x.json'), readFileSync(listFiles(fixture).map((f) => path.join(fixture, f))[0]));
    const run = armkube(['generate', '--specs', specs, '--all', '--out', path.join(project, 'app')], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`refusing to replace ${path.join(project, 'app')}: it holds the specs folder ${specs}`);
  });

  it('the current folder (--out .)', () => {
    expectRefused(['--out', '.'], path.join(project, 'app'), project, path.join(project, 'app'), /it is the current folder/);
  });

  it('the repository root (a folder with .git), from outside it', () => {
    expectRefused(['--out', project], root, project, project, /root of a git repository \(it holds \.git\)/);
  });

  it('an ancestor of the current folder (--out ..)', () => {
    expectRefused(['--out', '..'], path.join(project, 'app', 'src'), project, path.join(project, 'app'), /it holds the current folder/);
  });

  it('an empty path (--out "", an unset variable)', () => {
    const before = tree(project);
    const run = armkube(['generate', '--specs', fixture, '--all', '--out', ''], { cwd: project });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the output folder is an empty path (--out "")');
    expect(tree(project)).toEqual(before);
  });

  it('a config with out: .', () => {
    writeFileSync(path.join(project, 'armkube.yaml'), `specs: ${fixture}\nout: .\n`);
    const before = tree(project);
    const run = armkube(['generate', '--all'], { cwd: project });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`refusing to replace ${project}: it is the current folder`);
    expect(tree(project)).toEqual(before);
  });

  it('an armkube output folder to which the user added a file', () => {
    const out = path.join(project, 'output');
    expect(armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: project }).status).toBe(0);
    writeFileSync(path.join(out, 'ts', 'mine.ts'), 'export const mine = 1;\n');
    expectRefused(['--out', out], project, out, out, /holds 1 file\(s\) armkube did not write: ts\/mine\.ts/);
  });

  it('with --json too: the refusal as JSON on stdout', () => {
    const run = armkube(['generate', '--specs', fixture, '--all', '--out', 'app', '--json'], { cwd: project });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ written: false, error: { code: 'output-refused', path: path.join(project, 'app') } });
  });
});

describe('docs refuses the same way', () => {
  it('docs --out <a file>: a clean refusal, not a crash', () => {
    const before = tree(project);
    const run = armkube(['docs', '--specs', fixture, '--all', '--out', 'notes.md'], { cwd: project });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`refusing to replace ${path.join(project, 'notes.md', 'docs')}: ${path.join(project, 'notes.md')} is a file, not a folder`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(tree(project)).toEqual(before);
  });

  it('docs --out . in a project with a docs/ folder of its own', () => {
    mkdirSync(path.join(project, 'docs'));
    writeFileSync(path.join(project, 'docs', 'guide.md'), '# my guide\n');
    const before = tree(project);
    const run = armkube(['docs', '--specs', fixture, '--all', '--out', '.'], { cwd: project });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`refusing to replace ${path.join(project, 'docs')}: it was not written by armkube`);
    expect(tree(project)).toEqual(before);
  });
});

describe('what armkube wrote is still replaced, atomically', () => {
  it('replaces its own output as a whole, with a marker listing every file, and leaves nothing beside it', () => {
    const out = path.join(project, 'output');
    const first = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--json'], { cwd: project });
    expect(first.status, first.stderr).toBe(0);
    const marker = JSON.parse(readFileSync(path.join(out, '.armkube-output.json'), 'utf8'));
    expect(marker.writtenBy).toBe('armkube');
    expect(marker.files).toEqual(listFiles(out).filter((f) => f !== '.armkube-output.json'));
    // A second run with another selection: files of the first that it does not write are gone.
    const kinds = JSON.parse(first.stdout).crds as number;
    const config = path.join(project, 'one.yaml');
    writeFileSync(config, 'resources:\n  - armType: Microsoft.Network/virtualNetworks\n');
    const second = armkube(['generate', '--config', config, '--specs', fixture, '--out', out, '--json', '--no-docs'], { cwd: project });
    expect(second.status, second.stderr).toBe(0);
    const crds = listFiles(out).filter((f) => f.startsWith('crds/'));
    expect(crds).toEqual(['crds/network.azure.com_virtualnetworks.yaml']);
    expect(kinds).toBeGreaterThan(crds.length);
    expect(JSON.parse(readFileSync(path.join(out, '.armkube-output.json'), 'utf8')).files).toEqual(listFiles(out).filter((f) => f !== '.armkube-output.json'));
    expect(readdirSync(project).filter((n) => n.startsWith('output.'))).toEqual([]);
  });

  it('an empty folder is written into', () => {
    const out = path.join(project, 'empty');
    mkdirSync(out);
    expect(armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: project }).status).toBe(0);
    expect(listFiles(out)).toContain('.armkube-output.json');
  });

  it('adopts an output written before the marker existed only when it holds nothing but crds/, ts/ and docs/ files', () => {
    const out = path.join(project, 'old-output');
    expect(armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: project }).status).toBe(0);
    rmSync(path.join(out, '.armkube-output.json')); // as an older armkube left it
    const adopted = armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: project });
    expect(adopted.status, adopted.stderr).toBe(0);
    expect(adopted.stderr).toContain('was written by an armkube without the .armkube-output.json marker');
    expect(listFiles(out)).toContain('.armkube-output.json');
    // The same layout with one file of another kind is not adopted.
    rmSync(path.join(out, '.armkube-output.json'));
    writeFileSync(path.join(out, 'ts', 'notes.txt'), 'mine\n');
    expectRefused(['--out', out], project, out, out, /not written by armkube/);
  });

  it('docs and generate share an output folder: each replaces only what armkube wrote', () => {
    const out = path.join(project, 'shared-out');
    const docsSpecs = path.join(fixture, '..', '..', 'emit', 'docs');
    expect(armkube(['generate', '--specs', docsSpecs, '--all', '--out', out, '--no-docs', '--quiet'], { cwd: project }).status).toBe(0);
    const docs = armkube(['docs', '--specs', docsSpecs, '--all', '--out', out, '--quiet'], { cwd: project });
    expect(docs.status, docs.stderr).toBe(0);
    expect(listFiles(path.join(out, 'docs'))).toContain('.armkube-output.json');
    // generate recognises docs/ by its own marker, and replaces the whole folder again.
    const again = armkube(['generate', '--specs', docsSpecs, '--all', '--docs', '--out', out, '--quiet'], { cwd: project });
    expect(again.status, again.stderr).toBe(0);
    expect(listFiles(path.join(out, 'docs')).some((f) => f.endsWith('.md'))).toBe(true);
    // docs recognises docs/ written by generate by the marker of the output folder.
    expect(armkube(['docs', '--specs', docsSpecs, '--all', '--out', out, '--quiet'], { cwd: project }).status).toBe(0);
  });
});

/**
 * The handlebars templates of the docs: `templates/docs/*.md.hbs` of this package (or a folder a
 * library user passes), partials from its `partials/` folder. One handlebars environment per
 * folder, each template compiled once. Markdown is not HTML, so nothing is HTML-escaped
 * (`noEscape`): the view models and the helpers below escape what Markdown needs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../../package-root.js';
import { inlineCode, markdownText, tableCell } from './markdown.js';

export interface DocsTemplates {
  render(name: string, view: unknown): string;
}

const PARTIAL_SUFFIX = '.md.hbs';
const environments = new Map<string, DocsTemplates>();

export function defaultTemplatesDir(): string {
  return path.join(packageRoot(), 'templates', 'docs');
}

/** The templates of a folder, loaded once. */
export function docsTemplates(dir = defaultTemplatesDir()): DocsTemplates {
  const key = path.resolve(dir);
  let templates = environments.get(key);
  if (!templates) environments.set(key, (templates = loadTemplates(key)));
  return templates;
}

function loadTemplates(dir: string): DocsTemplates {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const partials = path.join(dir, 'partials');
  if (existsSync(partials)) {
    for (const file of readdirSync(partials).sort()) {
      if (file.endsWith(PARTIAL_SUFFIX)) hbs.registerPartial(file.slice(0, -PARTIAL_SUFFIX.length), readFileSync(path.join(partials, file), 'utf8'));
    }
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (!template) {
        const source = readFileSync(path.join(dir, name + PARTIAL_SUFFIX), 'utf8');
        compiled.set(name, (template = hbs.compile(source, { noEscape: true, strict: true })));
      }
      return template(view);
    },
  };
}

function registerHelpers(hbs: typeof Handlebars): void {
  /** `{{code x}}`: inline code. */
  hbs.registerHelper('code', (value: unknown) => inlineCode(String(value)));
  /** `{{cell x}}`: one table cell. */
  hbs.registerHelper('cell', (value: unknown) => tableCell(value === undefined ? undefined : String(value)));
  /** `{{text x}}`: spec text in running Markdown. */
  hbs.registerHelper('text', (value: unknown) => markdownText(value === undefined ? undefined : String(value)));
  /** `{{codeList xs}}`: `a`, `b`, `c`. */
  hbs.registerHelper('codeList', (values: unknown) => (Array.isArray(values) ? values.map((v) => inlineCode(String(v))).join(', ') : ''));
  /** `{{#if (eq a b)}}`. */
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /** `{{plural n "kind"}}`: `1 kind`, `2 kinds`. */
  hbs.registerHelper('plural', (n: unknown, word: unknown) => `${String(n)} ${String(word)}${n === 1 ? '' : 's'}`);
}

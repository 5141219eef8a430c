/**
 * Spec discovery (fixture `loader/discovery`): packages are the
 * `resource-manager/<Namespace>/(stable|preview)/<api-version>/` folders (sub-folders included);
 * namespace, stability and api-version come from the path; `examples/` and `common-types/` are
 * not packages; a file that starts with a UTF-8 byte order mark parses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPackages } from '../../../generator/loader/discover.js';
import { loadSpecs } from '../../../generator/loader/load.js';
import { fixturesDir, loadFixture } from '../../helpers.js';
import { objectOf, packageOf, propertyOf, resourceOf } from './util.js';

const root = path.join(fixturesDir, 'loader', 'discovery');
const widgets = 'specification/widgets/resource-manager/Contoso.Widgets';
const gadgets = 'specification/gadgets/resource-manager/Contoso.Gadgets';

describe('discoverPackages', () => {
  const { packages, shared } = discoverPackages(root);

  it('finds one package per namespace/stability/api-version folder, with what the path says', () => {
    expect(packages.map((p) => [p.id, p.namespace, p.stability, p.apiVersion])).toEqual([
      [`${gadgets}/stable/2020-05-01`, 'Contoso.Gadgets', 'stable', '2020-05-01'],
      [`${widgets}/preview/2021-06-01-preview`, 'Contoso.Widgets', 'preview', '2021-06-01-preview'],
      [`${widgets}/stable/2021-01-01`, 'Contoso.Widgets', 'stable', '2021-01-01'],
    ]);
  });

  it('puts sub-folder files in their package and never lists examples/', () => {
    const preview = packages.find((p) => p.apiVersion === '2021-06-01-preview')!;
    expect(preview.files.map((f) => path.relative(preview.dir, f).split(path.sep).join('/'))).toEqual(['entities/gizmos.json', 'widgets.json']);
    const all = packages.flatMap((p) => p.files);
    expect(all.some((f) => f.includes(`${path.sep}examples${path.sep}`))).toBe(false);
    expect(all).toHaveLength(4);
  });

  it('lists common-types as shared, not as a package', () => {
    expect(shared.map((f) => path.relative(root, f).split(path.sep).join('/'))).toEqual(['specification/common-types/resource-management/v2/types.json']);
  });
});

describe('loadSpecs on the discovery fixture', () => {
  const { model, diagnostics, stats } = loadFixture('loader/discovery');

  it('loads every package without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(model.packages.map((p) => `${p.namespace}@${p.apiVersion}:${p.stability}`)).toEqual([
      'Contoso.Gadgets@2020-05-01:stable',
      'Contoso.Widgets@2021-01-01:stable',
      'Contoso.Widgets@2021-06-01-preview:preview',
    ]);
  });

  it('takes the namespace from the path, not from info.title', () => {
    const stable = packageOf(model, 'Contoso.Widgets', '2021-01-01');
    expect(stable.files).toEqual([`${widgets}/stable/2021-01-01/widgets.json`]);
    expect(resourceOf(stable, 'Contoso.Widgets/widgets').apiVersion).toBe('2021-01-01');
  });

  it('skips examples/: the Swagger-shaped example file adds no resource and no type', () => {
    const stable = packageOf(model, 'Contoso.Widgets', '2021-01-01');
    expect(stable.resources.map((r) => r.armType)).toEqual(['Contoso.Widgets/widgets']);
    expect(stable.types.ExampleOnly).toBeUndefined();
  });

  it('reads the shared common-types file through $ref only, and counts it as read but not as a package file', () => {
    const stable = packageOf(model, 'Contoso.Widgets', '2021-01-01');
    expect(objectOf(stable, 'Widget').bases).toEqual([{ kind: 'ref', name: 'TrackedResource' }]);
    expect(stats.files).toBe(4);
    expect(stats.filesRead).toBe(5);
  });

  it('loads a package spread over a sub-folder as one package', () => {
    const preview = packageOf(model, 'Contoso.Widgets', '2021-06-01-preview');
    expect(preview.resources.map((r) => r.armType).sort()).toEqual(['Contoso.Widgets/widgets', 'Contoso.Widgets/widgets/gizmos']);
    expect(propertyOf(objectOf(preview, 'Widget'), 'gizmo').type).toEqual({ kind: 'ref', name: 'Gizmo' });
  });

  it('parses a file that starts with a UTF-8 byte order mark', () => {
    const file = path.join(root, gadgets, 'stable/2020-05-01/gadgets.json');
    expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the fixture really has a BOM
    const pkg = packageOf(model, 'Contoso.Gadgets', '2020-05-01');
    expect(resourceOf(pkg, 'Contoso.Gadgets/gadgets').scope).toBe('subscription');
    expect(propertyOf(objectOf(pkg, 'Gadget'), 'label').description).toBe('Étiquette — non-ASCII text after the BOM');
  });

  it('applies the filter before reading: filtered-out packages are not read', () => {
    const only = loadSpecs({ specsDir: root, filter: (p) => p.namespace === 'Contoso.Gadgets' });
    expect(only.model.packages.map((p) => p.id)).toEqual([`${gadgets}/stable/2020-05-01`]);
    expect(only.stats).toMatchObject({ files: 1, filesRead: 1, packages: 1 });
  });
});

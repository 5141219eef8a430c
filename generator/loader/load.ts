/**
 * The loader: specs tree → model. Discovers packages, reads each file once (through the shared
 * document store), converts definitions and finds resources, package by package.
 */
import path from 'node:path';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import type { ApiPackage, Model } from '../model/types.js';
import { discoverPackages, type DiscoveredPackage } from './discover.js';
import { checkAllowedTypes, type AllowedTypeSite } from './allowed-types.js';
import { checkDocumentShape } from './document-shape.js';
import { reportDuplicateTypes } from './duplicates.js';
import { DocumentStore, isObject, type JsonObject } from './documents.js';
import { LatestVersionClaims, policyOrder, typesWithBody, type LatestPolicy } from './latest-versions.js';
import { ResourceFinder } from './resources.js';
import { SchemaConverter } from './schema-converter.js';

/** What `loadSpecs` reads: the specs root, which packages to keep, and a progress callback. */
export interface LoadOptions {
  /** Root of the specs tree (an azure-rest-api-specs checkout, its `specification/` folder, or any folder of Swagger files). */
  specsDir: string;
  /** Keeps only the packages for which this returns true (namespace and api-version are known from the path in the standard layout). */
  filter?: (pkg: { id: string; namespace?: string; apiVersion?: string }) => boolean;
  /** Called after each package, for progress reporting. */
  onPackage?: (done: number, total: number, id: string) => void;
  /**
   * Only what a "latest" version policy can pick is converted: packages (of the standard layout)
   * whose every resource type has a newer version are read but not converted. The `select`
   * stage with the same policy gives the same result with or without this; it is only faster.
   */
  latestOnly?: LatestPolicy;
}

/** Counts of one `loadSpecs` call, for progress output and benchmarks. */
export interface LoadStats {
  /** Package-candidate files found by discovery. */
  files: number;
  /** Files read from disk (package files plus shared files reached through `$ref`). */
  filesRead: number;
  /** Files parsed a second time after their package released them (see DocumentStore.release). */
  rereads: number;
  bytesRead: number;
  packages: number;
  /** Packages read but not converted under `latestOnly` (every type they declare has a newer version). */
  skippedOlder: number;
}

/**
 * What `loadSpecs` returns: the model, the problems of the specs as diagnostics (`source` is
 * `loader`), and counts.
 */
export interface LoadResult {
  model: Model;
  diagnostics: Diagnostic[];
  stats: LoadStats;
}

/** Loads a specs tree into the model. Never throws on bad specs: problems are diagnostics. */
export function loadSpecs(options: LoadOptions): LoadResult {
  const root = path.resolve(options.specsDir);
  const diagnostics = new Diagnostics('loader');
  const store = new DocumentStore(root, diagnostics);
  const discovered = discoverPackages(root);
  for (const u of discovered.unreadable) {
    diagnostics.error('folder-unreadable', `cannot read folder: ${u.reason}; the specs in it are not loaded`, { file: store.relative(u.dir), pointer: '' });
  }
  const selected = options.filter ? discovered.packages.filter(options.filter) : discovered.packages;
  reportDuplicateTypes(selected, store, diagnostics);
  const packages: ApiPackage[] = [];
  let done = 0;
  const claims = options.latestOnly ? new LatestVersionClaims() : undefined;
  const allowedTypeSites: AllowedTypeSite[] = [];
  for (const found of options.latestOnly ? policyOrder(selected, options.latestOnly) : selected) {
    store.currentPackage = found.id;
    if (claims && found.namespace !== undefined && !claims.needs(typesWithBody(found.namespace, found.files.map((f) => store.get(f)).filter(isObject)))) {
      store.release(found.id, found.files);
      options.onPackage?.(++done, selected.length, found.id);
      continue;
    }
    const pkg = loadPackage(found, store, diagnostics, allowedTypeSites);
    store.release(found.id, found.files);
    if (pkg) packages.push(pkg);
    options.onPackage?.(++done, selected.length, found.id);
  }
  packages.sort(comparePackages);
  checkAllowedTypes(allowedTypeSites, packages, diagnostics);
  return {
    model: { packages },
    diagnostics: diagnostics.items,
    stats: {
      files: selected.reduce((n, p) => n + p.files.length, 0),
      filesRead: store.filesRead,
      rereads: store.rereads,
      bytesRead: store.bytesRead,
      packages: packages.length,
      skippedOlder: claims?.skipped ?? 0,
    },
  };
}

function loadPackage(found: DiscoveredPackage, store: DocumentStore, diagnostics: Diagnostics, allowedTypeSites: AllowedTypeSite[]): ApiPackage | undefined {
  const standard = found.namespace !== undefined;
  const docs: { file: string; doc: JsonObject }[] = [];
  for (const file of found.files) {
    const doc = store.get(file);
    if (doc === undefined) continue; // already reported
    if (!isObject(doc) || (doc.swagger === undefined && doc.openapi === undefined)) {
      if (standard) diagnostics.warning('not-swagger', 'file is not a Swagger document (no "swagger" key)', { file: store.relative(file), pointer: '' });
      continue;
    }
    if (doc.openapi !== undefined) {
      diagnostics.warning('unsupported-openapi', `OpenAPI ${String(doc.openapi)} is not supported, only Swagger 2.0`, { file: store.relative(file), pointer: '/openapi' });
      continue;
    }
    if (!standard && !hasPaths(doc)) continue; // a shared definitions file in a free layout
    checkDocumentShape(doc, store.relative(file), diagnostics);
    docs.push({ file, doc });
  }
  if (docs.length === 0) return undefined;

  const apiVersion = found.apiVersion ?? infoVersion(docs) ?? 'unversioned';
  const converter = new SchemaConverter(store, diagnostics, allowedTypeSites);
  const finder = new ResourceFinder(store, converter, diagnostics, apiVersion);
  for (const { file, doc } of docs) converter.reserveDefinitions(file, doc);
  for (const { file, doc } of docs) finder.scan(file, doc);
  for (const { file, doc } of docs) converter.convertDefinitions(file, doc);
  converter.finish();

  const namespace = found.namespace ?? majorityNamespace(finder.resources.map((r) => r.armType)) ?? titleOf(docs) ?? found.id;
  return {
    id: found.id,
    namespace,
    apiVersion,
    stability: found.stability ?? (/preview/i.test(apiVersion) ? 'preview' : 'stable'),
    files: docs.map((d) => store.relative(d.file)),
    types: converter.types,
    resources: finder.resources,
  };
}

function hasPaths(doc: JsonObject): boolean {
  return (isObject(doc.paths) && Object.keys(doc.paths).length > 0) || (isObject(doc['x-ms-paths']) && Object.keys(doc['x-ms-paths']).length > 0);
}

function infoVersion(docs: { doc: JsonObject }[]): string | undefined {
  for (const { doc } of docs) if (isObject(doc.info) && typeof doc.info.version === 'string') return doc.info.version;
  return undefined;
}

function titleOf(docs: { doc: JsonObject }[]): string | undefined {
  for (const { doc } of docs) if (isObject(doc.info) && typeof doc.info.title === 'string') return doc.info.title;
  return undefined;
}

function majorityNamespace(armTypes: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of armTypes) {
    const ns = t.slice(0, t.indexOf('/'));
    counts.set(ns, (counts.get(ns) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

export function comparePackages(a: ApiPackage, b: ApiPackage): number {
  const an = a.namespace.toLowerCase();
  const bn = b.namespace.toLowerCase();
  if (an !== bn) return an < bn ? -1 : 1;
  if (a.apiVersion !== b.apiVersion) return a.apiVersion < b.apiVersion ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

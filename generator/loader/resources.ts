/**
 * Finds the resources of a package: every PUT on an ARM instance path (`paths` and
 * `x-ms-paths`), with its body schema and the schema of the GET response (else the PUT 200/201).
 */
import path from 'node:path';
import { Diagnostics, joinPointer } from '../diagnostics.js';
import type { Resource, Type } from '../model/types.js';
import { parseArmPath } from './arm-path.js';
import { DocumentStore, isObject, type JsonObject, type JsonValue } from './documents.js';
import { getAtPointer, parseRef } from './refs.js';
import type { SchemaConverter } from './schema-converter.js';

export class ResourceFinder {
  readonly resources: Resource[] = [];
  private readonly seenPaths = new Map<string, string>();
  private readonly byType = new Map<string, Resource>();

  constructor(
    private readonly store: DocumentStore,
    private readonly converter: SchemaConverter,
    private readonly diagnostics: Diagnostics,
    private readonly apiVersion: string,
  ) {}

  /** Scans one package file. */
  scan(file: string, doc: JsonObject): void {
    for (const section of ['paths', 'x-ms-paths'] as const) {
      const paths = doc[section];
      if (!isObject(paths)) continue;
      for (const [urlTemplate, item] of Object.entries(paths)) {
        if (!isObject(item) || !isObject(item.put)) continue;
        this.scanPut(file, section, urlTemplate, item);
      }
    }
  }

  private scanPut(file: string, section: string, urlTemplate: string, item: JsonObject): void {
    const rel = this.store.relative(file);
    const pointer = joinPointer('', section, urlTemplate, 'put');
    const location = { file: rel, pointer };
    const normalized = urlTemplate.replace(/\{[^}]*\}/g, '{}').toLowerCase();
    const earlier = this.seenPaths.get(normalized);
    if (earlier !== undefined) {
      this.diagnostics.warning('duplicate-path', `PUT ${urlTemplate} is also declared at ${earlier}; the first is used`, location);
      return;
    }
    this.seenPaths.set(normalized, `${rel}#${pointer}`);
    const parsed = parseArmPath(urlTemplate);
    if (typeof parsed === 'string') {
      this.diagnostics.info('not-a-resource-path', `PUT ${urlTemplate} is not a resource: ${parsed}`, location);
      return;
    }
    const put = item.put as JsonObject;
    const resource: Resource = {
      armType: parsed.armType,
      apiVersion: this.apiVersion,
      scope: parsed.scope,
      urlTemplate,
      source: location,
    };
    if (parsed.scopeDetail !== undefined) resource.scopeDetail = parsed.scopeDetail;
    if (parsed.parentArmType !== undefined) resource.parentArmType = parsed.parentArmType;
    if (parsed.nameParameter !== undefined) resource.nameParameter = parsed.nameParameter;
    if (parsed.fixedName !== undefined) resource.fixedName = parsed.fixedName;

    const body = this.bodySchema(file, [...asArray(item.parameters, joinPointer('', section, urlTemplate, 'parameters')), ...asArray(put.parameters, joinPointer(pointer, 'parameters'))]);
    if (body) {
      resource.putType = body.type;
      if (body.name !== undefined) resource.bodyParameter = body.name;
    } else this.diagnostics.info('missing-put-body', `PUT ${urlTemplate} has no body parameter: the resource is created with an empty body, its kind has an empty spec`, location);
    const examples = examplePaths(rel, put['x-ms-examples']);
    if (examples.length) resource.examples = examples;
    const get = isObject(item.get) ? this.responseSchema(file, item.get, joinPointer('', section, urlTemplate, 'get'), ['200']) : undefined;
    const response = get ?? this.responseSchema(file, put, pointer, ['200', '201']);
    if (response) resource.getType = response;

    const key = resource.armType.toLowerCase();
    const existing = this.byType.get(key);
    if (existing) {
      // One ARM type at several paths: the first is used, except that a generic extension path
      // (`/{scope}/providers/...`) wins over specific scopes, whatever the order of the paths.
      if (isGenericExtension(resource) && !isGenericExtension(existing)) {
        this.diagnostics.info('duplicate-resource', `${existing.armType} is also reachable at the generic extension path ${resource.urlTemplate}; that one is used`, existing.source);
        this.resources[this.resources.indexOf(existing)] = resource;
        this.byType.set(key, resource);
        return;
      }
      this.diagnostics.info('duplicate-resource', `${resource.armType} is also reachable at ${existing.urlTemplate}; that one is used`, location);
      return;
    }
    this.byType.set(key, resource);
    this.resources.push(resource);
  }

  private bodySchema(file: string, params: { value: JsonValue; pointer: string }[]): { type: Type; name?: string } | undefined {
    for (const { value, pointer } of params) {
      const resolved = this.deref(value, file, pointer);
      if (resolved && resolved.node.in === 'body') {
        const type = this.converter.convert(resolved.node.schema, resolved.file, joinPointer(resolved.pointer, 'schema'));
        return { type, name: typeof resolved.node.name === 'string' ? resolved.node.name : undefined };
      }
    }
    return undefined;
  }

  private responseSchema(file: string, op: JsonObject, pointer: string, codes: string[]): Type | undefined {
    if (!isObject(op.responses)) return undefined;
    for (const code of codes) {
      const resolved = this.deref(op.responses[code], file, joinPointer(pointer, 'responses', code));
      if (resolved && resolved.node.schema !== undefined) {
        return this.converter.convert(resolved.node.schema, resolved.file, joinPointer(resolved.pointer, 'schema'));
      }
    }
    return undefined;
  }

  /** Follows a parameter or response `$ref` (one level, as Swagger allows). */
  private deref(value: JsonValue | undefined, file: string, pointer: string): { node: JsonObject; file: string; pointer: string } | undefined {
    if (!isObject(value)) return undefined;
    if (typeof value.$ref !== 'string') return { node: value, file, pointer };
    const target = parseRef(value.$ref, file);
    const node = target && getAtPointer(this.store.get(target.file), target.pointer);
    if (!target || !isObject(node)) {
      this.diagnostics.error('dangling-ref', `$ref ${value.$ref} points at nothing`, { file: this.store.relative(file), pointer });
      return undefined;
    }
    return { node, file: target.file, pointer: target.pointer };
  }
}

/** An extension resource whose scope is a bare path parameter (`{scope}`, `{resourceUri}`): it may attach anywhere. */
function isGenericExtension(r: Resource): boolean {
  return r.scope === 'extension' && r.scopeDetail !== undefined && /^\{[^}]*\}$/.test(r.scopeDetail);
}

/** The `$ref`s of an operation's `x-ms-examples`, resolved from the spec file's folder, relative to the specs root. */
function examplePaths(specFile: string, examples: JsonValue | undefined): string[] {
  if (!isObject(examples)) return [];
  const out: string[] = [];
  for (const example of Object.values(examples)) {
    if (isObject(example) && typeof example.$ref === 'string') out.push(path.posix.normalize(path.posix.join(path.posix.dirname(specFile), example.$ref)));
  }
  return out;
}

function asArray(value: JsonValue | undefined, pointer: string): { value: JsonValue; pointer: string }[] {
  return Array.isArray(value) ? value.map((v, i) => ({ value: v, pointer: joinPointer(pointer, i) })) : [];
}

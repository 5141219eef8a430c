/**
 * recursion: Kubernetes structural schemas cannot recurse, so recursive types are unrolled.
 *
 * Per package, the named types reachable from the spec and status tops are split into strongly
 * connected components (Tarjan, linear time); a component with more than one type, or one type
 * that refers to itself, is a cycle. Each type of a cycle is copied per level: the type itself is
 * level 1 (what the rest of the graph refers to), `<Name>_Level2` ... `<Name>_Level<depth>` the
 * copies, and every reference inside the cycle goes one level down. At the last level such a
 * reference becomes free-form JSON (`any`, rendered as `x-kubernetes-preserve-unknown-fields`), and
 * the property holding it is annotated `{ recursion: 'free-form' }` and says so in its description.
 * Copies keep their `side`. Each cycle is reported once (`recursive-type`).
 *
 * Runs after `spec-status`, on the final type graph: after `property-names` (the last stage that
 * changes properties) so that the copies carry every earlier change, and before `validations`,
 * which then sees the copies too.
 */
import type { AnyType, ApiPackage, Model, ObjectType, Property, Type, TypeDefinition } from '../model/types.js';
import { mapType, referencedNames } from '../model/walk.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `recursion` stage: unrolls recursive types to `recursionDepth` levels, the deepest level
 * free-form JSON, and reports each cycle.
 */
export const recursionStage: Stage = {
  id: 'recursion',
  description: 'unroll recursive types to recursionDepth levels, then free-form; report each cycle',
  requires: ['spec-status'],
  runsAfter: ['property-names'],
  runsBefore: ['validations'],
  run(model: Model, context: StageContext): Model {
    let depth = context.options.recursionDepth;
    if (!Number.isInteger(depth) || depth < 1) {
      context.diagnostics.warning('recursion-depth', `recursionDepth must be a positive integer, got ${depth}; using 1`);
      depth = 1;
    }
    return { ...model, packages: model.packages.map((pkg) => unrollPackage(pkg, depth, context)) };
  },
};

/** The cycles among the named types reachable from the spec and status tops, sorted by name. */
export function findCycles(pkg: Pick<ApiPackage, 'types' | 'resources'>): string[][] {
  // The reference graph of the types reachable from the tops, built in one walk.
  const stack: string[] = [];
  for (const r of pkg.resources) {
    if (r.kubernetes?.specType) stack.push(r.kubernetes.specType);
    if (r.kubernetes?.statusType) stack.push(r.kubernetes.statusType);
  }
  const edges = new Map<string, string[]>();
  while (stack.length) {
    const name = stack.pop()!;
    if (edges.has(name) || pkg.types[name] === undefined) continue;
    const targets = [...referencedNames(pkg.types[name].type)].filter((to) => pkg.types[to] !== undefined);
    edges.set(name, targets);
    for (const to of targets) if (!edges.has(to)) stack.push(to);
  }
  return stronglyConnected([...edges.keys()], edges)
    .filter((scc) => scc.length > 1 || edges.get(scc[0])!.includes(scc[0]))
    .map((scc) => scc.sort(byName))
    .sort((a, b) => byName(a[0], b[0]));
}

/** Tarjan's algorithm, iterative (type graphs can be deep): the components of the graph. */
function stronglyConnected(nodes: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const frames: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const targets = edges.get(frame.node)!;
      if (frame.edge < targets.length) {
        const to = targets[frame.edge++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          frames.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const scc: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          scc.push(member);
        } while (member !== frame.node);
        out.push(scc);
      }
    }
  }
  return out;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unrollPackage(pkg: ApiPackage, depth: number, context: StageContext): ApiPackage {
  const cycles = findCycles(pkg);
  if (cycles.length === 0) return pkg;
  const taken = new Set<string>();
  /** Per type of a cycle: its rewritten level-1 definition followed by its copies. */
  const replaced = new Map<string, TypeDefinition[]>();
  for (const members of cycles) {
    const inCycle = new Set(members);
    // Names of every level, claimed up front so that level i can refer to level i + 1.
    const levelNames = new Map<string, string[]>();
    for (const name of members) {
      const levels = [name];
      for (let level = 2; level <= depth; level++) levels.push(claim(pkg.types, taken, `${name}_Level${level}`));
      levelNames.set(name, levels);
    }
    for (const name of members) {
      const def = pkg.types[name];
      const defs = levelNames.get(name)!.map((levelName, i) => {
        const level = i + 1;
        const last = level === depth;
        const target = (to: string): Type => (last ? freeForm(to) : { kind: 'ref', name: levelNames.get(to)![level] });
        return unrollDefinition(def, levelName, inCycle, target, last, depth, context);
      });
      replaced.set(name, defs);
    }
    const where = members.map((m) => pkg.types[m].source).find((s) => s !== undefined);
    const shape = members.length === 1 ? `${members[0]} refers to itself` : `cycle among ${members.join(', ')}`;
    context.diagnostics.info('recursive-type', `${shape}: unrolled to ${depth} level(s), then free-form`, where);
    context.count('cycles');
  }
  const types: Record<string, TypeDefinition> = {};
  for (const [name, def] of Object.entries(pkg.types)) {
    const defs = replaced.get(name);
    if (!defs) types[name] = def;
    else for (const d of defs) types[d.name] = d;
  }
  return { ...pkg, types };
}

/** `wanted`, or `wanted_2`, `wanted_3` ... when a type of that name exists or was claimed. */
function claim(types: Record<string, TypeDefinition>, taken: Set<string>, wanted: string): string {
  let name = wanted;
  for (let i = 2; types[name] !== undefined || taken.has(name); i++) name = `${wanted}_${i}`;
  taken.add(name);
  return name;
}

/** Free-form nodes made by this stage, with the name of the recursive type each one cuts off. */
const cutOff = new WeakMap<Type, string>();

function freeForm(instead: string): AnyType {
  const node: AnyType = { kind: 'any' };
  cutOff.set(node, instead);
  return node;
}

/**
 * One level of a cycle member: references to members of the cycle replaced through `target`.
 * At the last level, properties that became free-form are annotated and counted.
 */
function unrollDefinition(
  def: TypeDefinition,
  name: string,
  inCycle: Set<string>,
  target: (to: string) => Type,
  last: boolean,
  depth: number,
  context: StageContext,
): TypeDefinition {
  const type = mapType(def.type, (node) => {
    if (node.kind === 'ref') return inCycle.has(node.name) ? target(node.name) : node;
    return last && node.kind === 'object' ? annotateFreeForm(node, depth, context) : node;
  });
  const next: TypeDefinition = { ...def, name, type };
  const cut = last ? freeFormIn(type) : undefined;
  if (cut !== undefined) {
    // Free-form outside any property (an array or union named type): the definition says so.
    next.description = withNote(def.description, cut, depth);
    context.count('freeForm');
  }
  return next;
}

function annotateFreeForm(node: ObjectType, depth: number, context: StageContext): ObjectType {
  if (!node.properties.some((p) => freeFormIn(p.type) !== undefined)) return node;
  const properties = node.properties.map((p): Property => {
    const cut = freeFormIn(p.type);
    if (cut === undefined) return p;
    context.count('freeForm');
    return { ...p, description: withNote(p.description, cut, depth), annotations: { ...p.annotations, recursion: 'free-form' } };
  });
  return { ...node, properties };
}

/**
 * The recursive type cut off by a free-form node made here that sits in `t` with no object
 * property in between (those are annotated on their own), if any.
 */
function freeFormIn(t: Type): string | undefined {
  const cut = cutOff.get(t);
  if (cut !== undefined) return cut;
  switch (t.kind) {
    case 'array':
      return freeFormIn(t.items);
    case 'map':
      return freeFormIn(t.values);
    case 'union':
      for (const v of t.variants) {
        const inVariant = freeFormIn(v.type);
        if (inVariant !== undefined) return inVariant;
      }
      return undefined;
    case 'object':
      return t.additionalProperties && freeFormIn(t.additionalProperties);
    default:
      return undefined;
  }
}

function withNote(description: string | undefined, cut: string, depth: number): string {
  const note = `Free-form JSON: the recursive type ${cut} is unrolled to ${depth} level(s) only.`;
  return description ? `${description} ${note}` : note;
}

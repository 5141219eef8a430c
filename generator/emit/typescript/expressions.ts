/**
 * The conversion of one value, as a TypeScript expression (or, for `collectReferences`, one
 * statement), for each kind of type. Named objects and unions are converted by calling their own
 * converter function; arrays and maps map their elements; everything else is written inline.
 *
 *   toArm    Kubernetes → ARM: references become ARM IDs (`resolveReference`), secret
 *            references their values (`resolveSecret`).
 *   fromArm  ARM → Kubernetes: ARM IDs become `{ armId }` references; on the spec side secret
 *            values go to the secret sink (`extractSecret`) and leave a secret reference.
 *   collect  every reference and secret reference, with its path.
 */
import type { Type } from '../../model/types.js';
import type { PathText } from './paths.js';
import type { PlannedType } from './plan.js';
import type { FileScope } from './scope.js';

/** Names of the loop variables at a nesting depth: `item`, `index`, `key`, then `item2` ... */
function loopNames(depth: number): { item: string; index: string; key: string } {
  const n = depth === 0 ? '' : String(depth + 1);
  return { item: `item${n}`, index: `index${n}`, key: `key${n}` };
}

/** Whether generated code uses a (loop) variable: not as a property name (`.index`, `index:`). */
export function usesVariable(code: string, name: string): boolean {
  return new RegExp(`(?<![.\\w$])${name}(?![\\w$:])`).test(code);
}

/** A reference whose ARM value is a `{ id }` object. */
export function isSubresource(t: Type): boolean {
  return t.kind === 'resourceRef' && t.armShape === 'subresource';
}

/** An arrow function body: object literals need parentheses. */
function arrowBody(expr: string): string {
  return expr.startsWith('{') ? `(${expr})` : expr;
}

export class Expressions {
  constructor(private readonly scope: FileScope) {}

  private target(t: Type & { kind: 'ref' }): PlannedType | undefined {
    return this.scope.plan.get(t.name);
  }

  /** Whether a named type is converted by a function of its own (objects and unions). */
  private converted(target: PlannedType): boolean {
    return target.def.type.kind === 'object' || target.def.type.kind === 'union';
  }

  /** Kubernetes → ARM (`resolved` and `path` are in scope where references can occur). */
  toArm(t: Type, expr: string, path: PathText, depth = 0): string {
    switch (t.kind) {
      case 'ref': {
        const target = this.target(t);
        if (!target) return expr;
        if (!this.converted(target)) return depth > 16 ? expr : this.toArm(target.def.type, expr, path, depth + 1);
        const fn = this.scope.fn(target, 'specToArm');
        return target.hasReferences || target.hasUnions ? `${fn}(${expr}, resolved, ${path.expression})` : `${fn}(${expr})`;
      }
      case 'array': {
        const { item, index } = loopNames(depth);
        const inner = this.toArm(t.items, item, path.index(index), depth + 1);
        if (inner === item) return `[...${expr}]`;
        return `${expr}.map((${item}${usesVariable(inner, index) ? `, ${index}` : ''}) => ${arrowBody(inner)})`;
      }
      case 'map': {
        const { item, key } = loopNames(depth);
        const inner = this.toArm(t.values, item, path.key(key), depth + 1);
        if (inner === item) return `{ ...${expr} }`;
        return `Object.fromEntries(Object.entries(${expr}).map(([${key}, ${item}]) => [${key}, ${inner}] as const))`;
      }
      case 'resourceRef': {
        const id = `${this.scope.runtimeValue('resolveReference')}(resolved, ${expr}, ${path.expression})`;
        return t.armShape === 'subresource' ? `{ id: ${id} }` : id;
      }
      case 'secretRef':
        return `${this.scope.runtimeValue('resolveSecret')}(resolved, ${expr}, ${path.expression})`;
      default:
        return expr;
    }
  }

  /** ARM → Kubernetes, for the spec (`sink` and a secret-key `path` are in scope where secrets can occur) or the status. */
  fromArm(t: Type, expr: string, path: PathText, side: 'spec' | 'status', depth = 0): string {
    switch (t.kind) {
      case 'ref': {
        const target = this.target(t);
        if (!target) return expr;
        if (!this.converted(target)) return depth > 16 ? expr : this.fromArm(target.def.type, expr, path, side, depth + 1);
        if (side === 'status') return `${this.scope.fn(target, 'armToStatus')}(${expr})`;
        const fn = this.scope.fn(target, 'armToSpec');
        return target.hasSecrets ? `${fn}(${expr}, sink, ${path.expression})` : `${fn}(${expr})`;
      }
      case 'array': {
        const { item, index } = loopNames(depth);
        const inner = this.fromArm(t.items, item, path.index(index), side, depth + 1);
        if (inner === item) return `[...${expr}]`;
        // A sub-resource without an ID (`{}`, or an inline child) is no reference: left out.
        const source = isSubresource(t.items) ? `${expr}.filter((${item}) => ${item}.id != null)` : expr;
        return `${source}.map((${item}${usesVariable(inner, index) ? `, ${index}` : ''}) => ${arrowBody(inner)})`;
      }
      case 'map': {
        const { item, key } = loopNames(depth);
        const inner = this.fromArm(t.values, item, path.key(key), side, depth + 1);
        if (inner === item) return `{ ...${expr} }`;
        const entries = isSubresource(t.values) ? `Object.entries(${expr}).filter(([, ${item}]) => ${item}.id != null)` : `Object.entries(${expr})`;
        return `Object.fromEntries(${entries}.map(([${key}, ${item}]) => [${key}, ${inner}] as const))`;
      }
      case 'resourceRef':
        return t.armShape === 'subresource' ? `{ armId: ${expr}.id }` : `{ armId: ${expr} }`;
      case 'secretRef':
        return side === 'spec' ? `${this.scope.runtimeValue('extractSecret')}(sink, ${path.expression}, ${expr})` : expr;
      default:
        return expr;
    }
  }

  /** The statement that collects the references a value holds (`out` is in scope); undefined when it holds none. */
  collect(t: Type, expr: string, path: PathText, depth = 0): string | undefined {
    switch (t.kind) {
      case 'ref': {
        const target = this.target(t);
        if (!target || !target.hasReferences) return undefined;
        if (!this.converted(target)) return depth > 16 ? undefined : this.collect(target.def.type, expr, path, depth + 1);
        return `${this.scope.fn(target, 'collectReferences')}(${expr}, ${path.expression}, out);`;
      }
      case 'array': {
        const { item, index } = loopNames(depth);
        const inner = this.collect(t.items, item, path.index(index), depth + 1);
        if (!inner) return undefined;
        return usesVariable(inner, index)
          ? `for (const [${index}, ${item}] of ${expr}.entries()) ${inner}`
          : `for (const ${item} of ${expr}) ${inner}`;
      }
      case 'map': {
        const { item, key } = loopNames(depth);
        const inner = this.collect(t.values, item, path.key(key), depth + 1);
        return inner && `for (const [${key}, ${item}] of Object.entries(${expr})) ${inner}`;
      }
      case 'resourceRef':
        return `out.resources.push({ path: ${path.expression}, reference: ${expr} });`;
      case 'secretRef':
        return `out.secrets.push({ path: ${path.expression}, reference: ${expr} });`;
      default:
        return undefined;
    }
  }
}

/**
 * The conversion functions of generated files, written out per named type as ASO does (no
 * generic interpreter):
 *
 *   `<name>_collectReferences(value, path, out)`   spec types holding references
 *   `<name>_specToArm(value[, resolved, path])`     spec types: Kubernetes → ARM body
 *   `<name>_armToSpec(value[, sink, path])`         spec types: ARM body → Kubernetes
 *   `<name>_armToStatus(value)`                     status types: ARM GET body → status
 *
 * and, in each kind's file, the four functions the registry lists: `collectReferences(spec)`,
 * `specToArm(spec, resolved)`, `armToSpec(body[, owner])` and `armToStatus(body)`.
 *
 * Objects are converted property by property following their ARM layout: flattened properties
 * go back into their envelopes (`properties`), which are only written when something is in them
 * (or always, when they hold a required property). Kubernetes-only properties (`owner`,
 * `azureName`, `conditions`) never reach ARM. A union converts the one variant set; its ARM body
 * carries the discriminator. `null` and absent are the same everywhere (`!= null`).
 */
import type { FunctionDeclarationStructure, OptionalKind, ParameterDeclarationStructure } from 'ts-morph';
import { StructureKind } from 'ts-morph';
import type { ObjectType, Property, Type, UnionType } from '../../model/types.js';
import { isKubernetesOnly, isVariantProperty, type ArmNode } from './arm-layout.js';
import { bodyOf } from './body.js';
import { Expressions, isSubresource } from './expressions.js';
import { access, isReserved, literal, lowerFirst, pascal, propertyKey, quote } from './names.js';
import { declaresLoosely, literalKey, OwnAccess, type Step } from './own-access.js';
import { PathText } from './paths.js';
import { isPolymorphic, type KindPlan, type PlannedType } from './plan.js';
import type { FileScope } from './scope.js';
import { carriesTag } from './types.js';

const LOCALS = new Set(['value', 'spec', 'body', 'owner', 'result', 'resolved', 'path', 'out', 'sink', 'status', 'variants', 'key', 'item', 'index']);

type Params = [name: string, type: string][];

function fn(name: string, params: Params, returnType: string, lines: string[], doc?: string): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name,
    isExported: true,
    docs: doc ? [doc] : [],
    parameters: params.map(([n, type]): OptionalKind<ParameterDeclarationStructure> => (n.endsWith('?') ? { name: n.slice(0, -1), type, hasQuestionToken: true } : { name: n, type })),
    returnType,
    statements: bodyOf(lines),
  };
}

/**
 * `const name: Type = { ... };`, on one line when short. `loose` (a type with a property named
 * like an `Object.prototype` member): `const name = { ... } as Type;`, see own-access.ts.
 */
function declare(name: string, type: string, entries: string[], loose = false): string[] {
  const head = loose ? `const ${name} = ` : `const ${name}: ${type} = `;
  const tail = loose ? ` as ${type};` : ';';
  if (entries.length === 0) return [`${head}{}${tail}`];
  const oneLine = `${head}{ ${entries.join(', ')} }${tail}`;
  if (entries.length === 1 && oneLine.length <= 120) return [oneLine];
  return [`${head}{`, ...entries.map((e) => `  ${e},`), `}${tail}`];
}

/** For each ARM property of a layout: the steps from the object to it (`optional` after an optional envelope). */
function armSteps(layout: ArmNode): Map<Property, Step[]> {
  const out = new Map<Property, Step[]>();
  const walk = (node: ArmNode, steps: Step[], optional: boolean) => {
    for (const e of node.entries) {
      const here = [...steps, { key: e.key, optional }];
      if (e.kind === 'leaf') out.set(e.property, here);
      else walk(e.node, here, !e.node.required);
    }
  };
  walk(layout, [], false);
  return out;
}

/** One step from an object that is present. */
const step = (key: string): Step[] => [{ key, optional: false }];

export class Conversions {
  private readonly x: Expressions;
  private readonly own: OwnAccess;

  constructor(private readonly scope: FileScope) {
    this.x = new Expressions(scope);
    this.own = new OwnAccess((name) => scope.runtimeValue(name));
  }

  /** Copies the keys of an object with `additionalProperties` that are none of its properties, as they are (not converted). */
  private extraKeys(from: string, to: string, known: string[]): string[] {
    const loop = `for (const [key, item] of Object.entries(${from}))`;
    const set = this.own.writeDynamic(to, 'key', 'item');
    return [known.length ? `${loop} if (![${known.map(quote).join(', ')}].includes(key)) ${set}` : `${loop} ${set}`];
  }

  /** Every conversion function of a named type (none for aliases, which are converted inline). */
  functionsOf(t: PlannedType): FunctionDeclarationStructure[] {
    const type = t.def.type;
    if (type.kind !== 'object' && type.kind !== 'union') return [];
    if (t.inline) return [];
    const out: FunctionDeclarationStructure[] = [];
    if (t.spec && t.hasReferences) out.push(this.collectFunction(t));
    if (t.spec) out.push(this.specToArmFunction(t), this.armToSpecFunction(t));
    if (t.status) out.push(this.armToStatusFunction(t));
    return out;
  }

  // --- nested types --------------------------------------------------------------------------

  private collectFunction(t: PlannedType): FunctionDeclarationStructure {
    const path = PathText.variable('path');
    const type = t.def.type;
    const lines = type.kind === 'union' ? this.collectUnion(type, 'value', path) : isPolymorphic(type) ? this.collectVariants(type, 'value', path) : this.collectObject(type as ObjectType, 'value', path);
    return fn(
      this.scope.fn(t, 'collectReferences'),
      [
        ['value', this.scope.type(t)],
        ['path', 'string'],
        ['out', this.scope.runtimeType('CollectedReferences')],
      ],
      'void',
      lines,
      `Adds the references and secret references of a ${t.tsName} to \`out\`.`,
    );
  }

  private specToArmFunction(t: PlannedType): FunctionDeclarationStructure {
    const withContext = t.hasReferences || t.hasUnions;
    const path = PathText.variable('path');
    const armName = this.scope.armType(t);
    const type = t.def.type;
    const lines = type.kind === 'union' ? this.unionToArm(type, 'value', path) : isPolymorphic(type) ? this.variantsToArm(type, 'value', path) : this.objectToArm(t, 'value', path, armName);
    const params: Params = [['value', this.scope.type(t)]];
    if (withContext) params.push(['resolved', this.scope.runtimeType('ResolvedReferences')], ['path', 'string']);
    return fn(this.scope.fn(t, 'specToArm'), params, armName, lines, `${t.tsName} → ${armName}.`);
  }

  private armToSpecFunction(t: PlannedType): FunctionDeclarationStructure {
    const path = PathText.variable('path', 'key');
    const lines = this.fromArmLines(t, path, 'spec');
    const params: Params = [['value', this.scope.armType(t)]];
    if (t.hasSecrets) params.push(['sink', this.scope.runtimeType('SecretSink')], ['path', 'string']);
    return fn(this.scope.fn(t, 'armToSpec'), params, this.scope.type(t), lines, `${this.scope.armType(t)} → ${t.tsName}.`);
  }

  private armToStatusFunction(t: PlannedType): FunctionDeclarationStructure {
    const path = PathText.literal('', 'key');
    const lines = this.fromArmLines(t, path, 'status');
    return fn(this.scope.fn(t, 'armToStatus'), [['value', this.scope.armType(t)]], this.scope.type(t), lines, `${this.scope.armType(t)} → ${t.tsName}.`);
  }

  /** The body of a nested `armToSpec` or `armToStatus`. */
  private fromArmLines(t: PlannedType, path: PathText, side: 'spec' | 'status'): string[] {
    const type = t.def.type;
    if (type.kind === 'union') return this.unionFromArm(t, type, 'value', path, side);
    const name = this.scope.type(t);
    if (isPolymorphic(type)) return [...declare('result', name, [], loose(type)), ...this.variantsFromArm(t, type, 'value', 'result', path, side), 'return result;'];
    return [...this.objectFromArm(t, 'value', 'result', path, side, name, [], []), 'return result;'];
  }

  // --- the kind's four functions ---------------------------------------------------------------

  /** `collectReferences`, `specToArm`, `armToSpec`, `armToStatus` of a kind. */
  kindFunctions(kind: KindPlan): FunctionDeclarationStructure[] {
    const spec = kind.spec;
    const specType = spec.def.type as ObjectType;
    const specName = this.scope.type(spec);
    const armName = this.scope.armType(spec);
    const root = PathText.literal('spec');
    const out: FunctionDeclarationStructure[] = [];
    const polymorphic = isPolymorphic(specType);

    const delegated = !spec.inline;
    const collected = delegated
      ? spec.hasReferences
        ? [`${this.scope.fn(spec, 'collectReferences')}(spec, 'spec', out);`]
        : []
      : polymorphic
        ? this.collectVariants(specType, 'spec', root)
        : this.collectObject(specType, 'spec', root);
    out.push(
      fn(
        'collectReferences',
        [['spec', specName]],
        this.scope.runtimeType('CollectedReferences'),
        [`const out: ${this.scope.runtimeType('CollectedReferences')} = { resources: [], secrets: [] };`, ...collected, 'return out;'],
        `Every resource reference and secret reference a ${kind.tsName} spec holds, with its path, for the caller to resolve before \`specToArm\`. The owner is not listed.`,
      ),
    );

    const toArm = delegated
      ? [`return ${this.x.toArm({ kind: 'ref', name: spec.name }, 'spec', root)};`]
      : polymorphic
        ? this.variantsToArm(specType, 'spec', root)
        : this.objectToArm(spec, 'spec', root, armName);
    out.push(
      fn(
        'specToArm',
        [
          ['spec', specName],
          ['resolved', this.scope.runtimeType('ResolvedReferences')],
        ],
        armName,
        toArm,
        `The ARM PUT body of a ${kind.tsName}: flattened properties back in their envelopes, references as ARM IDs (a reference by \`armId\` as is, others from \`resolved\`), secret references as the values in \`resolved\`. A missing resolution throws an Error naming its path. \`owner\` and \`azureName\` are not in the body: they make the URL.`,
      ),
    );

    const hasOwner = specType.properties.some((p) => p.role === 'owner');
    const sinkLines = spec.hasSecrets ? [`const sink = ${this.scope.runtimeValue('secretSink')}(${quote(kind.secretName)}, body.name);`] : [];
    const init: string[] = [];
    const later: string[] = [];
    for (const p of specType.properties) {
      if (p.role === 'owner') init.push(`${literalKey(p.name)}: owner ?? ${this.scope.runtimeValue('ownerFromArmId')}(body.id)`);
      if (p.role === 'azureName') later.push(`if (body.name != null) ${this.own.write('spec', p.name, 'body.name')}`);
    }
    const fromArm = polymorphic
      ? [...declare('spec', specName, init, loose(specType)), ...later, ...this.variantsFromArm(spec, specType, 'body', 'spec', PathText.literal('', 'key'), 'spec')]
      : this.objectFromArm(spec, 'body', 'spec', PathText.literal('', 'key'), 'spec', specName, init, later);
    const params: Params = [['body', `${armName} & { id?: string; name?: string }`]];
    if (hasOwner) params.push(['owner?', this.scope.runtimeType('OwnerReference')]);
    out.push(
      fn(
        'armToSpec',
        params,
        `{ spec: ${specName}; secrets: ${this.scope.runtimeType('ExtractedSecret')}[] }`,
        [...sinkLines, ...fromArm, `return { spec, secrets: ${spec.hasSecrets ? 'sink.secrets' : '[]'} };`],
        `The spec of a ${kind.tsName} from an ARM body (a GET response or a PUT body): read-only properties are dropped, ARM IDs become \`{ armId }\` references, \`azureName\` is the body's \`name\`${hasOwner ? ', the owner is `owner` when given, else the parent of the body\'s `id`' : ''}. Secret values go to \`secrets\`, under the Kubernetes Secret \`<name>-${kind.secretName}\` (\`<name>\`: the body's name as a Kubernetes name) with one key per property path; the spec refers to them.`,
      ),
    );

    const status = kind.status;
    if (status) {
      const statusType = status.def.type as ObjectType;
      const statusName = this.scope.type(status);
      const lines = !status.inline
        ? [`return ${this.scope.fn(status, 'armToStatus')}(body);`]
        : isPolymorphic(statusType)
          ? [...declare('status', statusName, [], loose(statusType)), ...this.variantsFromArm(status, statusType, 'body', 'status', PathText.literal('', 'key'), 'status'), 'return status;']
          : [...this.objectFromArm(status, 'body', 'status', PathText.literal('', 'key'), 'status', statusName, [], []), 'return status;'];
      out.push(
        fn(
          'armToStatus',
          [['body', this.scope.armType(status)]],
          statusName,
          lines,
          `The status of a ${kind.tsName} from an ARM GET response. \`conditions\` are the operator's: they are not set here.`,
        ),
      );
    } else {
      out.push(fn('armToStatus', [['_body', 'unknown']], 'Record<string, never>', ['return {};'], `${kind.tsName} has no status type.`));
    }
    return out;
  }

  // --- objects -----------------------------------------------------------------------------------

  /** Statements that build the ARM object of `t` from `valueVar` into `result` and return it. */
  private objectToArm(t: PlannedType, valueVar: string, path: PathText, armName: string): string[] {
    const layout = t.layout;
    if (!layout) return ['return {};'];
    const vars = new Map<ArmNode, string>();
    const taken = new Set(LOCALS);
    const varFor = (node: ArmNode) => {
      let name = lowerFirst(node.path.map(pascal).join(''));
      // An envelope named `class` (or any keyword) cannot name a variable.
      if (taken.has(name) || isReserved(name)) name = `${name}Envelope`;
      for (let i = 2; taken.has(name); i++) name = `${name}${i}`;
      taken.add(name);
      vars.set(node, name);
      return name;
    };
    const lines: string[] = [];
    const emit = (node: ArmNode, varName: string, typeName: string) => {
      for (const e of node.entries) if (e.kind === 'envelope') emit(e.node, varFor(e.node), e.node.interfaceName!);
      const init: string[] = [];
      const later: string[] = [];
      const keys = node.entries.map((e) => e.key);
      if (node === layout && t.variant) {
        init.push(`${literalKey(t.variant.discriminator)}: ${literal(t.variant.value)}`);
        keys.push(t.variant.discriminator);
      }
      for (const e of node.entries) {
        if (e.kind === 'leaf') {
          const p = e.property;
          if (p.required) {
            init.push(`${literalKey(e.key)}: ${this.x.toArm(p.type, this.own.read(valueVar, [p.name]), path.property(p.name))}`);
          } else {
            const { condition, value } = this.own.present(valueVar, step(p.name));
            later.push(`if (${condition}) ${this.own.write(varName, e.key, this.x.toArm(p.type, value, path.property(p.name)))}`);
          }
        } else {
          const child = vars.get(e.node)!;
          if (e.node.required) init.push(`${literalKey(e.key)}: ${child}`);
          else later.push(`if (Object.keys(${child}).length > 0) ${this.own.write(varName, e.key, child)}`);
        }
      }
      lines.push(...declare(varName, typeName, init, declaresLoosely(keys)), ...later);
    };
    emit(layout, 'result', armName);
    const type = t.def.type as ObjectType;
    if (type.additionalProperties) lines.push(...this.extraKeys(valueVar, 'result', type.properties.map((p) => p.name)));
    lines.push('return result;');
    return lines;
  }

  /**
   * Statements that declare `resultVar` (of `resultType`) and fill it from the ARM value in
   * `valueVar`, property by property. `init` and `later`: what the caller adds (roles).
   */
  private objectFromArm(t: PlannedType, valueVar: string, resultVar: string, path: PathText, side: 'spec' | 'status', resultType: string, init: string[], later: string[]): string[] {
    const type = t.def.type as ObjectType;
    const readers = t.layout ? armSteps(t.layout) : new Map<Property, Step[]>();
    const first = [...init];
    const rest = [...later];
    for (const p of type.properties) {
      const steps = readers.get(p);
      if (!steps) continue;
      const to = path.property(p.name);
      if (p.required && !steps.some((s) => s.optional)) {
        const value = this.own.read(valueVar, steps.map((s) => s.key));
        first.push(`${literalKey(p.name)}: ${this.x.fromArm(p.type, value, to, side)}`);
        continue;
      }
      const { condition, value } = this.own.present(valueVar, steps);
      // A sub-resource without an ID (`{}`, or an inline child) is no reference: left out.
      const test = isSubresource(p.type) ? this.own.present(valueVar, [...steps, { key: 'id', optional: true }]).condition : condition;
      rest.push(`if (${test}) ${this.own.write(resultVar, p.name, this.x.fromArm(p.type, value, to, side))}`);
    }
    // Status only: in a spec, keys the type does not list may be read-only properties spec-status removed.
    if (side === 'status' && type.additionalProperties && t.layout) {
      const known = t.layout.entries.map((e) => e.key);
      if (t.variant) known.push(t.variant.discriminator);
      for (const key of type.withheldKeys ?? []) if (!known.includes(key)) known.push(key);
      rest.push(...this.extraKeys(valueVar, resultVar, known));
    }
    return [...declare(resultVar, resultType, first, loose(type)), ...rest];
  }

  /** Statements that collect the references of an object in `valueVar`. */
  private collectObject(type: ObjectType, valueVar: string, path: PathText): string[] {
    const lines: string[] = [];
    for (const p of type.properties) {
      if (isKubernetesOnly(p) || isVariantProperty(p)) continue;
      lines.push(...this.collectProperty(p, valueVar, path, p.required));
    }
    return lines;
  }

  /** The statement that collects the references of one property (guarded unless `required`), if it holds any. */
  private collectProperty(p: { name: string; type: Type }, valueVar: string, path: PathText, required: boolean): string[] {
    if (required) {
      const statement = this.x.collect(p.type, this.own.read(valueVar, [p.name]), path.property(p.name));
      return statement ? [statement] : [];
    }
    const { condition, value } = this.own.present(valueVar, step(p.name));
    const statement = this.x.collect(p.type, value, path.property(p.name));
    return statement ? [`if (${condition}) ${statement}`] : [];
  }

  // --- unions and polymorphic bodies ---------------------------------------------------------------

  private unionToArm(type: UnionType, valueVar: string, path: PathText): string[] {
    return this.chooseVariant(
      type.variants.map((v) => ({ name: v.name, value: v.value, type: v.type })),
      type.discriminator,
      valueVar,
      path,
    );
  }

  private variantsToArm(type: ObjectType & { discriminator: string }, valueVar: string, path: PathText): string[] {
    const variants = type.properties.filter(isVariantProperty).map((p) => ({ name: p.name, value: p.variant!, type: p.type }));
    return this.chooseVariant(variants, type.discriminator, valueVar, path);
  }

  /** Exactly one variant must be set: its ARM body, with the discriminator. */
  private chooseVariant(variants: { name: string; value: string; type: Type }[], discriminator: string, valueVar: string, path: PathText): string[] {
    const names = variants.map((v) => v.name).join(', ');
    const lines = [`const variants = [${variants.map((v) => this.own.read(valueVar, [v.name])).join(', ')}].filter((variant) => variant != null).length;`, 'if (variants === 1) {'];
    for (const v of variants) {
      const { condition, value } = this.own.present(valueVar, step(v.name));
      let expr = this.x.toArm(v.type, value, path.property(v.name));
      if (!carriesTag(v.type, discriminator, v.value, this.scope)) expr = `{ ...${expr}, ${literalKey(discriminator)}: ${literal(v.value)} }`;
      lines.push(`  if (${condition}) return ${expr};`);
    }
    const message = path.text(`: set exactly one of ${names} (`).value('variants').text(' set)');
    lines.push('}', `throw new Error(${message.expression});`);
    return lines;
  }

  /** The spec or status side of a union: a switch over the discriminator. */
  private unionFromArm(t: PlannedType, type: UnionType, valueVar: string, path: PathText, side: 'spec' | 'status'): string[] {
    // An inherited value of the discriminator (a function or Object.prototype) matches no case.
    const lines = [`switch (${access(valueVar, type.discriminator)}) {`];
    const names = type.variants.map((v) => v.name);
    const result = (entry: string) => (declaresLoosely(names) ? `{ ${entry} } as ${this.scope.type(t)}` : `{ ${entry} }`);
    for (const v of type.variants) {
      lines.push(`  case ${literal(v.value)}:`, `    return ${result(`${literalKey(v.name)}: ${this.x.fromArm(v.type, valueVar, path.property(v.name), side)}`)};`);
    }
    lines.push('}');
    if (side === 'spec') {
      lines.push(`throw new Error(${this.unknownVariant(t, type.discriminator, valueVar)});`);
    } else {
      lines.push(declaresLoosely(names) ? `return {} as ${this.scope.type(t)};` : 'return {};');
    }
    return lines;
  }

  /** Sets the one variant property of a polymorphic body's spec or status (declared as `resultVar`) from the ARM body. */
  private variantsFromArm(t: PlannedType, type: ObjectType & { discriminator: string }, valueVar: string, resultVar: string, path: PathText, side: 'spec' | 'status'): string[] {
    const lines = [`switch (${access(valueVar, type.discriminator)}) {`];
    for (const p of type.properties.filter(isVariantProperty)) {
      lines.push(`  case ${literal(p.variant!)}:`, `    ${this.own.write(resultVar, p.name, this.x.fromArm(p.type, valueVar, path.property(p.name), side))}`, '    break;');
    }
    if (side === 'spec') {
      lines.push(
        '  default:',
        `    throw new Error(${this.unknownVariant(t, type.discriminator, valueVar)});`,
      );
    }
    lines.push('}');
    return lines;
  }

  /** The message for a discriminator value no variant has (`valueVar` is `never` there: every variant was a case). */
  private unknownVariant(t: PlannedType, discriminator: string, valueVar: string): string {
    const found = `JSON.stringify(${this.own.read(`(${valueVar} as { ${propertyKey(discriminator)}?: unknown })`, [discriminator])})`;
    return PathText.literal(`${t.tsName}: unknown ${discriminator} `).value(found).expression;
  }

  private collectUnion(type: UnionType, valueVar: string, path: PathText): string[] {
    const lines: string[] = [];
    for (const v of type.variants) lines.push(...this.collectProperty(v, valueVar, path, false));
    return lines;
  }

  private collectVariants(type: ObjectType, valueVar: string, path: PathText): string[] {
    const lines: string[] = [];
    for (const p of type.properties.filter(isVariantProperty)) lines.push(...this.collectProperty(p, valueVar, path, false));
    return lines;
  }
}

/** Whether an object type is declared with `as T` (a property named like an `Object.prototype` member). */
function loose(type: ObjectType): boolean {
  return declaresLoosely(type.properties.map((p) => p.name));
}

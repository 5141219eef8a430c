/**
 * Broken variants of a valid object, one fault each: a value of the wrong type, an unknown field,
 * a missing required field, a value outside an enum, a string that breaks a pattern. Each is made
 * where the object and its CRD schema allow (the first such field, in document order); an object
 * that has no such place gets no case of that kind.
 */
type Json = Record<string, any>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface MutatedCase {
  mutation: 'wrong-type' | 'unknown-field' | 'missing-required' | 'bad-enum' | 'bad-pattern';
  path: string;
  object: Json;
}

interface Leaf {
  /** Keys and indexes from the object root. */
  at: (string | number)[];
  value: unknown;
  schema: Json;
}

/** The values of `value` under `spec`, with their schema, in document order. */
function leaves(value: unknown, schema: unknown, at: (string | number)[], out: Leaf[]): Leaf[] {
  if (!isObj(schema)) return out;
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, schema.items, [...at, i], out));
  else if (isObj(value)) {
    const props = isObj(schema.properties) ? schema.properties : {};
    for (const [k, v] of Object.entries(value)) {
      const s = Object.hasOwn(props, k) ? props[k] : isObj(schema.additionalProperties) ? schema.additionalProperties : undefined;
      if (s) leaves(v, s, [...at, k], out);
    }
  } else out.push({ at, value, schema });
  return out;
}

function withValue(object: Json, at: (string | number)[], value: unknown): Json {
  const copy = structuredClone(object);
  let parent: any = copy;
  for (const k of at.slice(0, -1)) parent = parent[k];
  parent[at[at.length - 1]] = value;
  return copy;
}

const show = (at: (string | number)[]) => at.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').slice(1);

export function mutationsOf(object: Json, openAPIV3Schema: Json): MutatedCase[] {
  const specSchema = openAPIV3Schema.properties?.spec;
  if (!isObj(object.spec) || !isObj(specSchema)) return [];
  const cases: MutatedCase[] = [];
  const all = leaves(object.spec, specSchema, ['spec'], []);

  // The owner is the same in every object: the first other field says more.
  const scalars = all.filter((l) => ['string', 'integer', 'number', 'boolean'].includes(l.schema.type) && !l.schema['x-kubernetes-int-or-string']);
  const typed = scalars.find((l) => l.at[1] !== 'owner') ?? scalars[0];
  if (typed) {
    const wrong = typed.schema.type === 'string' ? 12345 : typed.schema.type === 'boolean' ? 'yes' : 'not-a-number';
    cases.push({ mutation: 'wrong-type', path: show(typed.at), object: withValue(object, typed.at, wrong) });
  }

  cases.push({ mutation: 'unknown-field', path: 'spec.armkubeUnknownField', object: withValue(object, ['spec', 'armkubeUnknownField'], 'x') });

  const required = (specSchema.required ?? []).find((k: string) => k in object.spec);
  if (required) {
    const copy = structuredClone(object);
    delete copy.spec[required];
    cases.push({ mutation: 'missing-required', path: `spec.${required}`, object: copy });
  }

  const enumLeaf = all.find((l) => Array.isArray(l.schema.enum) && typeof l.value === 'string');
  if (enumLeaf) cases.push({ mutation: 'bad-enum', path: show(enumLeaf.at), object: withValue(object, enumLeaf.at, 'armkube-not-in-enum') });

  for (const l of all) {
    if (typeof l.schema.pattern !== 'string' || typeof l.value !== 'string') continue;
    let re: RegExp;
    try {
      re = new RegExp(l.schema.pattern);
    } catch {
      continue;
    }
    const bad = ['!armkube bad value!', '', ' ', '-', '@@@'].find((c) => !re.test(c));
    if (bad === undefined) continue;
    cases.push({ mutation: 'bad-pattern', path: show(l.at), object: withValue(object, l.at, bad) });
    break;
  }
  return cases;
}

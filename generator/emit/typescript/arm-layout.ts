/**
 * The ARM layout of an object: its properties put back where they live in the ARM payload,
 * following each property's `armPath` (`['properties', 'addressSpace']`). Flattening lifted them
 * out of envelopes; the layout is the tree of those envelopes, which both the ARM interfaces and
 * the conversion code are written from.
 */
import type { ObjectType, Property } from '../../model/types.js';

export interface ArmLeaf {
  kind: 'leaf';
  /** The ARM key in the enclosing node. */
  key: string;
  property: Property;
}

export interface ArmEnvelope {
  kind: 'envelope';
  key: string;
  node: ArmNode;
}

export interface ArmNode {
  /** ARM keys from the object to this node (empty for the object itself). */
  path: string[];
  /** Leaves and envelopes, in the order of the properties that first reached them. */
  entries: (ArmLeaf | ArmEnvelope)[];
  /** Whether a required property sits in this node or below it: then the node itself must be present. */
  required: boolean;
  /** Name of the envelope's interface (set by the plan; unused for the root). */
  interfaceName?: string;
}

/** Properties that are not part of the ARM payload: `owner`, `azureName` (in the URL) and `conditions`. */
export function isKubernetesOnly(p: Property): boolean {
  return p.role !== undefined || p.kubernetesOnly === true;
}

/** Whether a property is one variant of a polymorphic resource body. */
export function isVariantProperty(p: Property): boolean {
  return p.variant !== undefined;
}

/**
 * The layout of an object's ARM properties. A property whose ARM path runs into a leaf, or whose
 * leaf an envelope already uses, cannot be placed: it is left out and reported through `conflict`.
 */
export function armLayout(object: ObjectType, conflict: (p: Property, reason: string) => void): ArmNode {
  const root: ArmNode = { path: [], entries: [], required: false };
  // The entries of each node by key (a search of the entries per property is quadratic in wide objects).
  const byKey = new Map<ArmNode, Map<string, ArmLeaf | ArmEnvelope>>([[root, new Map()]]);
  const add = (node: ArmNode, entry: ArmLeaf | ArmEnvelope) => {
    node.entries.push(entry);
    byKey.get(node)!.set(entry.key, entry);
  };
  for (const p of object.properties) {
    if (isKubernetesOnly(p) || isVariantProperty(p)) continue;
    const path = p.armPath && p.armPath.length > 0 ? p.armPath : [p.armName];
    let node = root;
    let placed = true;
    for (let i = 0; i < path.length - 1 && placed; i++) {
      const entry = byKey.get(node)!.get(path[i]);
      if (entry?.kind === 'leaf') {
        conflict(p, `its ARM path ${path.join('.')} runs into the property ${entry.property.name}`);
        placed = false;
      } else if (entry) {
        node = entry.node;
      } else {
        const child: ArmNode = { path: path.slice(0, i + 1), entries: [], required: false };
        byKey.set(child, new Map());
        add(node, { kind: 'envelope', key: path[i], node: child });
        node = child;
      }
    }
    if (!placed) continue;
    const key = path[path.length - 1];
    const existing = byKey.get(node)!.get(key);
    if (existing) {
      conflict(p, `its ARM path ${path.join('.')} is also ${existing.kind === 'leaf' ? `the property ${existing.property.name}'s` : 'an envelope'}`);
      continue;
    }
    add(node, { kind: 'leaf', key, property: p });
  }
  markRequired(root);
  return root;
}

function markRequired(node: ArmNode): boolean {
  let required = false;
  for (const e of node.entries) {
    if (e.kind === 'leaf') required = e.property.required || required;
    else required = markRequired(e.node) || required;
  }
  node.required = required;
  return required;
}

/** Every envelope below a node, depth first (children before their parent), for declaring them in order. */
export function envelopesOf(node: ArmNode): ArmEnvelope[] {
  const out: ArmEnvelope[] = [];
  for (const e of node.entries) {
    if (e.kind !== 'envelope') continue;
    out.push(...envelopesOf(e.node));
    out.push(e);
  }
  return out;
}

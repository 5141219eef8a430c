/**
 * One fuzz case: a real package picked by the case's seed, its files copied and mutated 1–3
 * times, written as a specs tree in the standard layout (`<rp>/resource-manager/<Namespace>/
 * stable/<version>/<file>.json`, with the common-types files its `$ref`s reach).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFiles, type BasePackage } from './corpus.js';
import { mutate, MUTATION_KINDS, type FuzzFile, type Mutation } from './mutations.js';
import { caseSeed, Rng } from './prng.js';

export interface FuzzCase {
  /** The campaign seed and the case's index in it: together they replay the case. */
  seed: number;
  index: number;
  packageId: string;
  files: FuzzFile[];
  mutations: Mutation[];
}

/** The package case `index` of campaign `seed` mutates (the first draw of its generator). */
export function packageOfCase(seed: number, index: number, bases: readonly BasePackage[]): BasePackage {
  return new Rng(caseSeed(seed, index)).pick(bases);
}

/**
 * Builds case `index` of campaign `seed`; `only` restricts the mutation kinds. The first
 * mutation's kind rotates with the index, so that any MUTATION_KINDS.length consecutive cases
 * try every kind (those that fit the package).
 */
export function buildCase(seed: number, index: number, bases: readonly BasePackage[], only?: readonly string[]): FuzzCase {
  const rng = new Rng(caseSeed(seed, index));
  const base = rng.pick(bases);
  const files = copyFiles(base);
  const kinds = only ?? MUTATION_KINDS;
  const mutations = mutate(rng, files, { count: rng.int(1, 3), kinds: only, lead: kinds[index % kinds.length] });
  return { seed, index, packageId: base.id, files, mutations };
}

/** Writes files (paths relative to the specs root) below `specsDir`. */
export function writeSpecs(specsDir: string, files: readonly FuzzFile[]): void {
  for (const file of files) {
    const full = path.join(specsDir, ...file.rel.split('/'));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.bytes);
  }
}

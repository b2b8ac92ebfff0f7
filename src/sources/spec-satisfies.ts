import type { ParsedSpec, SpecNode } from './parse-spack-spec.js';
import { versionSatisfies } from './spack-version-satisfies.js';

function nodeSatisfies(node: SpecNode, required: SpecNode): boolean {
  if (required.name !== null && required.name !== node.name) return false;
  if (!versionSatisfies(node.version, required.version)) return false;
  return required.flags.every((flag) => node.flags.includes(flag));
}

/**
 * True when `spec` satisfies `required` as a matrix `exclude` entry means it: the root matches
 * (name, version range, variants), and every dependency or compiler `required` names is among
 * the spec's with a matching version and variants (`amgx%gcc@9:` excludes `amgx %gcc@9.1.0`).
 */
export function specSatisfies(spec: ParsedSpec, required: ParsedSpec): boolean {
  if (!nodeSatisfies(spec.root, required.root)) return false;
  return required.edges.every((edge) => spec.edges.some((candidate) => nodeSatisfies(candidate, edge)));
}

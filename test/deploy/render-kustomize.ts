// `kubectl kustomize DIR`, parsed: the objects an operator's `kubectl apply -k DIR` would send.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { findExecutable } from './find-executable.js';

const run = promisify(execFile);

export const KUBECTL = findExecutable('kubectl');

/** Why a test that renders overlays is skipped where kubectl is not installed. */
export function kubectlMissing(whatIsLeftOut: string): string {
  return `kubectl is not on PATH: ${whatIsLeftOut} here (install kubectl to check them)`;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export type KubeObject = any;

export async function renderKustomize(dir: string): Promise<KubeObject[]> {
  if (!KUBECTL) throw new Error(kubectlMissing(`cannot render ${dir}`));
  const { stdout } = await run(KUBECTL, ['kustomize', dir], { maxBuffer: 16 * 1024 * 1024 }).catch(
    (err: Error & { stderr?: string }) => {
      throw new Error(`kubectl kustomize ${dir} failed: ${err.stderr ?? err.message}`);
    },
  );
  return parseAllDocuments(stdout)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`kubectl kustomize ${dir}: ${doc.errors[0]!.message}`);
      return doc.toJS() as KubeObject;
    })
    .filter((object) => object && object.kind);
}

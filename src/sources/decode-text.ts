import { UpstreamProblem } from './upstream-problem.js';

/** A document's bytes -> text, strict UTF-8 (a leading byte order mark dropped). */
export function decodeText(bytes: Uint8Array): string {
  try {
    // fatal: a binary or mis-encoded file is an error, not text full of replacement characters.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new UpstreamProblem('content is not UTF-8 text', { cause: err });
  }
}

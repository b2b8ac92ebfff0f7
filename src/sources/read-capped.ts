import { tooLarge } from './upstream-problem.js';

/**
 * Collects a byte stream, refusing it as soon as it passes maxBytes: a huge or endless upstream
 * costs at most maxBytes of memory. Leaving the loop early destroys the stream.
 */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, maxBytes: number, what: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(what, maxBytes);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

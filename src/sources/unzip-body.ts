import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { tooLarge, UpstreamProblem } from './upstream-problem.js';

const gunzipAsync = promisify(gunzip);

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzipCapped(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    // maxOutputLength stops inflating at the cap, so a gzip bomb never reaches memory.
    return await gunzipAsync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge('decompressed content', maxBytes);
    throw new UpstreamProblem(`corrupt gzip data (${code ?? (err as Error).message})`, { cause: err });
  }
}

/**
 * Upstream bytes as the document's own bytes: gunzipped when the server says so or the bytes are
 * gzip (a `.gz` file), at most twice (a .gz file served with Content-Encoding: gzip).
 */
export async function unzipBody(raw: Buffer, options: { gzip: boolean; maxBytes: number }): Promise<Buffer> {
  let bytes = raw;
  for (let pass = 0; pass < 2 && ((pass === 0 && options.gzip) || isGzip(bytes)); pass += 1) {
    bytes = await gunzipCapped(bytes, options.maxBytes);
  }
  return bytes;
}

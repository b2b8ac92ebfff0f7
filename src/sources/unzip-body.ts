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
 * Upstream bytes -> text: gunzips when the server says so or the bytes are gzip (a `.gz` file),
 * at most twice (a .gz file served with Content-Encoding: gzip), then decodes strict UTF-8.
 */
export async function decodeBody(raw: Buffer, options: { gzip: boolean; maxBytes: number }): Promise<string> {
  let bytes = raw;
  for (let pass = 0; pass < 2 && ((pass === 0 && options.gzip) || isGzip(bytes)); pass += 1) {
    bytes = await gunzipCapped(bytes, options.maxBytes);
  }
  try {
    // fatal: a binary or mis-encoded file is an error, not text full of replacement characters.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new UpstreamProblem('content is not UTF-8 text', { cause: err });
  }
}

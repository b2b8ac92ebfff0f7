import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tooLarge, UpstreamProblem } from './upstream-problem.js';

/** Large reads: fewer, bigger chunks cost less per byte than the 64 KiB default. */
const CHUNK_BYTES = 1024 * 1024;

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return err instanceof Error ? err.message : String(err);
}

/**
 * A local upstream file's bytes, chunk by chunk, under the same size cap as a download (checked
 * before and while reading). Leaving the loop early closes the file.
 */
export async function* streamLocalFile(path: string, options: { maxBytes: number; signal?: AbortSignal }): AsyncGenerator<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UpstreamProblem('not a regular file');
    if (info.size > options.maxBytes) throw tooLarge('file', options.maxBytes);
    let total = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES, signal: options.signal }) as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      // The file may grow while it is read.
      if (total > options.maxBytes) throw tooLarge('file', options.maxBytes);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof UpstreamProblem || options.signal?.aborted) throw err;
    throw new UpstreamProblem(describeFsError(err), { cause: err });
  }
}

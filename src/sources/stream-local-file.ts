import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readCapped } from './read-capped.js';
import { tooLarge, UpstreamProblem } from './upstream-problem.js';

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return err instanceof Error ? err.message : String(err);
}

/** Reads a local upstream file under the same size cap as a download (checked before and while reading). */
export async function readLocalFile(path: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UpstreamProblem('not a regular file');
    if (info.size > options.maxBytes) throw tooLarge('file', options.maxBytes);
    const stream = createReadStream(path, options.signal ? { signal: options.signal } : {});
    return await readCapped(stream, options.maxBytes, 'file');
  } catch (err) {
    if (err instanceof UpstreamProblem || options.signal?.aborted) throw err;
    throw new UpstreamProblem(describeFsError(err), { cause: err });
  }
}

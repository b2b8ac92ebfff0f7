import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceConfig } from '../config/types.js';
import { Aborted, SourceError, ValidationError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import { decodeText } from './decode-text.js';
import { describeLocation } from './describe-location.js';
import { fetchUrl } from './fetch-url.js';
import { readCapped } from './read-capped.js';
import { streamLocalFile } from './stream-local-file.js';
import type { UpstreamCache } from './types.js';
import { unzipBody } from './unzip-body.js';
import { UpstreamProblem } from './upstream-problem.js';

/** What every document read of one readSource call shares. */
export interface ReadContext {
  source: SourceConfig;
  logger: Logger;
  cache?: UpstreamCache;
  signal?: AbortSignal;
  baseDir?: string;
}

export interface LoadedDocument<T> {
  value: T;
  /** Bytes transferred (0 on a 304). */
  bytes: number;
  notModified: boolean;
}

/** Parses a document's text; `file` is the displayable location for error messages. */
export type ParseDocument<T> = (text: string, file: string) => T;

/**
 * Parses a document's bytes as they arrive, never holding its whole text: for formats where
 * that pays (large JSON). Null when it cannot (not that format, or not valid): the document is
 * then parsed whole by ParseDocument, which says what is wrong and where.
 */
export type StreamDocument<T> = (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => Promise<T | null>;

const URL_LOCATION = /^https?:\/\//i;

function localPath(location: string, baseDir: string | undefined): string {
  if (/^file:\/\//i.test(location)) return fileURLToPath(location);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new UpstreamProblem('unsupported location scheme (use a local path or an http(s) URL)');
  }
  return isAbsolute(location) ? location : resolve(baseDir ?? process.cwd(), location);
}

function toSourceError(err: unknown, source: string, shown: string): Error {
  if (err instanceof Aborted || err instanceof SourceError) return err;
  if (err instanceof ValidationError) {
    const at = err.line ? `:${err.line}${err.column ? `:${err.column}` : ''}` : '';
    return new SourceError(`source ${source}: ${shown}${at}: ${err.message}`, source, shown, { cause: err });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new SourceError(`source ${source}: ${shown}: ${reason}`, source, shown, { cause: err });
}

/** A whole document's bytes: streamed from memory when the parser can, else parsed as text. */
async function parseBytes<T>(bytes: Buffer, shown: string, parse: ParseDocument<T>, stream: StreamDocument<T> | undefined): Promise<T> {
  const streamed = stream ? await stream([bytes]) : null;
  return streamed ?? parse(decodeText(bytes), shown);
}

async function loadUrl<T>(
  ctx: ReadContext,
  url: string,
  parseKey: string,
  shown: string,
  parse: ParseDocument<T>,
  stream: StreamDocument<T> | undefined,
): Promise<LoadedDocument<T>> {
  const key = `${parseKey}\n${url}`;
  const cached = ctx.cache?.get(key);
  const res = await fetchUrl(url, {
    ...ctx.source.fetch,
    etag: cached?.etag,
    lastModified: cached?.lastModified,
    signal: ctx.signal,
  });
  if (res.notModified) {
    // A kept copy without validators was asked for unconditionally and holds no parse to reuse.
    if (!cached || cached.value === undefined || !ctx.cache) throw new UpstreamProblem('HTTP 304 Not Modified to an unconditional request');
    ctx.cache.stats.notModified += 1;
    ctx.logger.debug({ location: shown }, 'upstream not modified');
    return { value: cached.value as T, bytes: 0, notModified: true };
  }
  const value = await parseBytes(await unzipBody(res.body, { gzip: res.gzip, maxBytes: ctx.source.fetch.maxBytes }), shown, parse, stream);
  if (ctx.cache) {
    ctx.cache.stats.parsed += 1;
    // Without validators the next request cannot be conditional: keep nothing worth holding.
    const keep = res.etag !== null || res.lastModified !== null;
    if (keep || cached) ctx.cache.set(key, { etag: res.etag, lastModified: res.lastModified, value: keep ? value : undefined });
  }
  ctx.logger.debug({ location: shown, bytes: res.body.byteLength }, 'upstream fetched');
  return { value, bytes: res.body.byteLength, notModified: false };
}

/** A local file: streamed when the parser can (and the file is not gzip), else read and parsed whole. */
async function loadFile<T>(ctx: ReadContext, path: string, parse: ParseDocument<T>, stream: StreamDocument<T> | undefined): Promise<LoadedDocument<T>> {
  const limits = { maxBytes: ctx.source.fetch.maxBytes, signal: ctx.signal };
  if (stream) {
    let bytes = 0;
    let gzip = false;
    const chunks = async function* (): AsyncGenerator<Buffer> {
      for await (const chunk of streamLocalFile(path, limits)) {
        // A .gz file is inflated whole below; cutting the stream short makes the parser decline.
        if (bytes === 0 && chunk[0] === 0x1f && chunk[1] === 0x8b) gzip = true;
        if (gzip) return;
        bytes += chunk.byteLength;
        yield chunk;
      }
    };
    const value = await stream(chunks());
    if (value !== null && !gzip) return { value, bytes, notModified: false };
  }
  let raw: Buffer | null = await readCapped(streamLocalFile(path, limits), limits.maxBytes, 'file');
  const bytes = raw.byteLength;
  const text = decodeText(await unzipBody(raw, { gzip: false, maxBytes: limits.maxBytes }));
  // Parsing needs only the text: let a large file's bytes go rather than hold both.
  raw = null;
  return { value: parse(text, path), bytes, notModified: false };
}

/**
 * Reads one upstream document (local path, file: URL or http(s) URL), decodes and parses it.
 * URLs go through the cache: an unchanged document costs one conditional request and no parse.
 * Every failure becomes a SourceError naming the source and the location.
 */
export async function loadDocument<T>(
  ctx: ReadContext,
  location: string,
  parseKey: string,
  parse: ParseDocument<T>,
  stream?: StreamDocument<T>,
): Promise<LoadedDocument<T>> {
  let shown = describeLocation(location);
  try {
    if (URL_LOCATION.test(location)) return await loadUrl(ctx, location, parseKey, shown, parse, stream);
    const path = localPath(location, ctx.baseDir);
    shown = path;
    const loaded = await loadFile(ctx, path, parse, stream);
    if (ctx.cache) ctx.cache.stats.parsed += 1;
    return loaded;
  } catch (err) {
    if (ctx.signal?.aborted && !(err instanceof Aborted)) throw new Aborted('upstream read cancelled', { cause: err });
    throw toSourceError(err, ctx.source.name, shown);
  }
}

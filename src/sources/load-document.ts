import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceConfig } from '../config/types.js';
import { Aborted, SourceError, ValidationError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import { decodeBody } from './decode-body.js';
import { describeLocation } from './describe-location.js';
import { fetchUrl } from './fetch-url.js';
import { readLocalFile } from './read-local-file.js';
import type { UpstreamCache } from './types.js';
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

async function loadUrl<T>(ctx: ReadContext, url: string, parseKey: string, shown: string, parse: ParseDocument<T>): Promise<LoadedDocument<T>> {
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
  const value = parse(await decodeBody(res.body, { gzip: res.gzip, maxBytes: ctx.source.fetch.maxBytes }), shown);
  if (ctx.cache) {
    ctx.cache.stats.parsed += 1;
    // Without validators the next request cannot be conditional: keep nothing worth holding.
    const keep = res.etag !== null || res.lastModified !== null;
    if (keep || cached) ctx.cache.set(key, { etag: res.etag, lastModified: res.lastModified, value: keep ? value : undefined });
  }
  ctx.logger.debug({ location: shown, bytes: res.body.byteLength }, 'upstream fetched');
  return { value, bytes: res.body.byteLength, notModified: false };
}

/**
 * Reads one upstream document (local path, file: URL or http(s) URL), decodes and parses it.
 * URLs go through the cache: an unchanged document costs one conditional request and no parse.
 * Every failure becomes a SourceError naming the source and the location.
 */
export async function loadDocument<T>(ctx: ReadContext, location: string, parseKey: string, parse: ParseDocument<T>): Promise<LoadedDocument<T>> {
  let shown = describeLocation(location);
  try {
    if (URL_LOCATION.test(location)) return await loadUrl(ctx, location, parseKey, shown, parse);
    const path = localPath(location, ctx.baseDir);
    shown = path;
    let raw: Buffer | null = await readLocalFile(path, { maxBytes: ctx.source.fetch.maxBytes, signal: ctx.signal });
    const bytes = raw.byteLength;
    const text = await decodeBody(raw, { gzip: false, maxBytes: ctx.source.fetch.maxBytes });
    // Parsing needs only the text: let a large file's bytes go rather than hold both.
    raw = null;
    const value = parse(text, shown);
    if (ctx.cache) ctx.cache.stats.parsed += 1;
    return { value, bytes, notModified: false };
  } catch (err) {
    if (ctx.signal?.aborted && !(err instanceof Aborted)) throw new Aborted('upstream read cancelled', { cause: err });
    throw toSourceError(err, ctx.source.name, shown);
  }
}

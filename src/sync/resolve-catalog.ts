import type { SourceConfig } from '../config/types.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { CatalogRef } from '../model.js';
import type { CatalogKey, WaldurClient } from '../waldur/types.js';

export interface ResolvedCatalog {
  /** null: missing, and this is a plan (apply=false) with `create: true`. */
  catalog: CatalogRef | null;
  created: boolean;
}

/** Applying always ends with a catalog: found, created, or an error. */
export interface ResolvedCatalogToApply extends ResolvedCatalog {
  catalog: CatalogRef;
}

function describeKey(key: CatalogKey): string {
  return `"${key.name}" version "${key.version}" (type ${key.catalogType})`;
}

export interface ResolveCatalogOptions {
  apply: boolean;
  signal?: AbortSignal | undefined;
  /** The caller's own lookup of the key (made while it read upstream); undefined: look it up here. */
  found?: CatalogRef | null;
}

export function catalogKeyOf(source: SourceConfig): CatalogKey {
  return { name: source.catalog.name, version: source.catalog.version, catalogType: source.catalog.type };
}

/**
 * The catalog by its exact key (name, version, type). A missing one is created only when the
 * config says `create: true` and the run applies; a plan never writes.
 */
export async function resolveCatalog(client: WaldurClient, source: SourceConfig, options: ResolveCatalogOptions & { apply: true }): Promise<ResolvedCatalogToApply>;
export async function resolveCatalog(client: WaldurClient, source: SourceConfig, options: ResolveCatalogOptions): Promise<ResolvedCatalog>;
export async function resolveCatalog(client: WaldurClient, source: SourceConfig, options: ResolveCatalogOptions): Promise<ResolvedCatalog> {
  const key = catalogKeyOf(source);
  const found = options.found !== undefined ? options.found : await client.findCatalog(key, { signal: options.signal });
  if (found) return { catalog: found, created: false };
  if (!source.catalog.create) {
    throw new NotFoundError(
      `catalog ${describeKey(key)} of source "${source.name}" does not exist in Waldur; ` +
        'create it, fix the catalog name/version/type, or set catalog.create: true',
    );
  }
  if (!options.apply) return { catalog: null, created: false };
  try {
    return { catalog: await client.createCatalog(key, { signal: options.signal }), created: true };
  } catch (err) {
    // Another replica may have created it a moment ago (unique name, version, type).
    if (!(err instanceof ValidationError)) throw err;
    const raced = await client.findCatalog(key, { signal: options.signal });
    if (!raced) throw err;
    return { catalog: raced, created: false };
  }
}

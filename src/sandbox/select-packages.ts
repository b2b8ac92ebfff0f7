// The package list's filters and `o` ordering. The filtered, sorted result is cached per query
// and store revision, so walking 300 pages of a 100k-package catalog filters and sorts once.
import type { ApiResponse } from './handler-types.js';
import { parseUuid } from './parse-uuid.js';
import type { SandboxState, StoredCatalog, StoredPackage, StoredTarget } from './types.js';

const ORDER_FIELDS = ['name', 'catalog_name', 'catalog_version', 'created', 'modified'] as const;
type OrderField = (typeof ORDER_FIELDS)[number];

/** Parameters that select, not paginate. */
const FILTER_PARAMS = [
  'catalog_uuid', 'catalog_name', 'catalog_version', 'cpu_family', 'cpu_microarchitecture',
  'description', 'extension_name', 'extension_type', 'has_version', 'is_extension', 'name',
  'name_exact', 'offering_uuid', 'query', 'o',
] as const;

const upper = (s: string): string => s.toUpperCase();
const contains = (haystack: string, needle: string): boolean => upper(haystack).includes(upper(needle));

function parseBoolean(raw: string): boolean | null {
  if (['true', 'True', '1'].includes(raw)) return true;
  if (['false', 'False', '0'].includes(raw)) return false;
  return null; // django-filter ignores a value it cannot read
}

type Predicate = (pkg: StoredPackage, catalog: StoredCatalog) => boolean;

function buildPredicates(params: Map<string, string>): Predicate[] | ApiResponse {
  const predicates: Predicate[] = [];
  const get = (key: string): string | undefined => params.get(key);
  const v = {
    catalogName: get('catalog_name'),
    catalogVersion: get('catalog_version'),
    name: get('name'),
    nameExact: get('name_exact'),
    description: get('description'),
    query: get('query'),
    hasVersion: get('has_version'),
    cpuFamily: get('cpu_family'),
    cpuMicro: get('cpu_microarchitecture'),
    isExtension: get('is_extension'),
  };
  if (v.catalogName) predicates.push((_, c) => contains(c.name, v.catalogName!));
  if (v.catalogVersion) predicates.push((_, c) => contains(c.version, v.catalogVersion!));
  if (v.name) predicates.push((p) => contains(p.name, v.name!));
  if (v.nameExact) predicates.push((p) => upper(p.name) === upper(v.nameExact!));
  if (v.description) predicates.push((p) => contains(p.description, v.description!));
  if (v.query) {
    const q = v.query;
    predicates.push((p) => contains(p.name, q) || contains(p.description, q) || p.versions.some((ver) => contains(ver.version, q)));
  }
  if (v.hasVersion) predicates.push((p) => p.versions.some((ver) => ver.version === v.hasVersion));
  // Like Waldur: CPU targets only, cpu_family = target_name, cpu_microarchitecture = target_subtype (e.g. amd/zen3).
  const cpu = (t: StoredTarget): boolean => t.type === 'cpu_architecture';
  if (v.cpuFamily) predicates.push((p) => p.versions.some((ver) => ver.targets.some((t) => cpu(t) && t.cpuFamily === v.cpuFamily)));
  if (v.cpuMicro) {
    predicates.push((p) => p.versions.some((ver) => ver.targets.some((t) => cpu(t) && t.cpuMicroarchitecture === v.cpuMicro)));
  }
  if (v.isExtension) {
    const wanted = parseBoolean(v.isExtension);
    if (wanted !== null) predicates.push((p) => p.isExtension === wanted);
  }
  // The sandbox has no offerings and no extension records: these filters match nothing.
  for (const key of ['offering_uuid', 'extension_name', 'extension_type']) {
    if (get(key)) predicates.push(() => false);
  }
  return predicates;
}

function buildComparator(raw: string | undefined): ((a: Entry, b: Entry) => number) | ApiResponse {
  const terms = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : ['name'];
  const keys: Array<{ field: OrderField; sign: number }> = [];
  for (const term of terms) {
    const field = term.replace(/^-/, '') as OrderField;
    if (!ORDER_FIELDS.includes(field)) {
      return { status: 400, body: { o: [`Select a valid choice. ${term} is not one of the available choices.`] } };
    }
    keys.push({ field, sign: term.startsWith('-') ? -1 : 1 });
  }
  const value = (e: Entry, field: OrderField): string => {
    switch (field) {
      case 'name': return e.pkg.name;
      case 'catalog_name': return e.catalog.name;
      case 'catalog_version': return e.catalog.version;
      case 'created': return e.pkg.created;
      case 'modified': return e.pkg.modified;
    }
  };
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = value(a, field);
      const y = value(b, field);
      if (x !== y) return x < y ? -sign : sign;
    }
    return a.pkg.seq - b.pkg.seq;
  };
}

interface Entry {
  pkg: StoredPackage;
  catalog: StoredCatalog;
}

export interface PackageSelector {
  /** Filtered, ordered packages for the request's query, or a DRF 400. */
  select(url: URL): Entry[] | ApiResponse;
}

export function createPackageSelector(state: SandboxState, cacheSize = 16): PackageSelector {
  const cache = new Map<string, { revision: number; entries: Entry[] }>();
  return {
    select(url) {
      const params = new Map<string, string>();
      for (const key of FILTER_PARAMS) {
        const value = url.searchParams.get(key);
        if (value !== null && value !== '') params.set(key, value);
      }
      const cacheKey = JSON.stringify([...params]);
      const hit = cache.get(cacheKey);
      if (hit && hit.revision === state.revision) return hit.entries;

      let base: StoredPackage[];
      const catalogUuidRaw = params.get('catalog_uuid');
      if (catalogUuidRaw !== undefined) {
        const uuid = parseUuid(catalogUuidRaw);
        if (uuid === null) return { status: 400, body: { catalog_uuid: ['Enter a valid UUID.'] } };
        base = state.listPackages(uuid);
      } else {
        base = state.listPackages();
      }
      const predicates = buildPredicates(params);
      if (!Array.isArray(predicates)) return predicates;
      const compare = buildComparator(params.get('o'));
      if (typeof compare !== 'function') return compare;

      const entries: Entry[] = [];
      for (const pkg of base) {
        const catalog = state.getCatalog(pkg.catalogUuid)!;
        if (predicates.every((p) => p(pkg, catalog))) entries.push({ pkg, catalog });
      }
      entries.sort(compare);
      cache.delete(cacheKey);
      cache.set(cacheKey, { revision: state.revision, entries });
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      return entries;
    },
  };
}

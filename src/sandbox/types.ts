// The in-memory Waldur stand-in: its options, fault knobs, state and counters.
import type { CatalogType, Target } from '../model.js';

export type TargetSchema = 'old' | 'new';

/** Fault injection, changeable at run time with `setFaults`. Rates are shares in [0, 1]. */
export interface SandboxFaults {
  /** Added before every request is handled. */
  latencyMs: number;
  /** Share of requests answered 500 (nothing applied). */
  errorRate: number;
  /** Share of requests answered 429 with Retry-After (nothing applied). */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Share of writes that are applied, then the connection is dropped with no response. */
  lostWriteRate: number;
  /** Random source in [0, 1); tests pass a deterministic one. */
  random?: () => number;
  /** Names of packages whose DELETE always answers 500 (nothing applied). */
  undeletable?: readonly string[];
  /** After this many applied writes the token counts as revoked: every request answers 401. */
  revokeTokenAfterWrites?: number | null;
}

/**
 * Seed file (`catalog-sync sandbox --seed FILE`, JSON or YAML):
 *
 *   catalogs:
 *     - name: site modules            # required, <=100
 *       version: "2026.1"             # required, <=50
 *       catalog_type: binary_runtime  # binary_runtime | source_package | package_manager
 *       packages:
 *         - name: GROMACS             # required, <=200, unique in the catalog
 *           description: ...          # optional
 *           homepage: https://...     # optional, null allowed
 *           is_extension: false       # optional
 *           versions:                 # optional; read-only over REST, so seeding is the only way in
 *             - version: "2024.1"
 *               module_version: "2024.1-foss-2023b"   # optional, Waldur's module_version ("" = none)
 *               module: { module_name: GROMACS, module_version: "2024.1-foss-2023b" }  # optional
 *               release_date: "2024-02-01"   # optional
 *               targets:              # Waldur's field names (as its EESSI loader writes them) ...
 *                 - { target_type: cpu_architecture, target_name: x86_64, target_subtype: amd/zen3, location: /cvmfs/... }
 *                 # ... or the older ones, with the same values
 *                 - { cpu_family: aarch64, cpu_microarchitecture: neoverse_v1, path: /opt/... }
 */
export interface SandboxSeed {
  catalogs: SeedCatalog[];
}

export interface SeedCatalog {
  name: string;
  version: string;
  catalog_type: CatalogType;
  packages?: SeedPackage[];
}

/** A target in a seed: Waldur's newer field names, or the older ones (always a CPU architecture). */
export type SeedTarget =
  | {
      target_type?: string;
      target_name: string;
      target_subtype?: string;
      location?: string;
      metadata?: Record<string, unknown>;
      gpu_architectures?: string[];
    }
  | { cpu_family: string; cpu_microarchitecture: string; path?: string };

export interface SeedVersion {
  version: string;
  /** Waldur's module_version; default: module.module_version, else "". */
  module_version?: string;
  /** The module object Waldur shows (its loader keeps EESSI's `module` there); default {module_version}. */
  module?: Record<string, unknown>;
  release_date?: string | null;
  targets?: SeedTarget[];
}

export interface SeedPackage {
  name: string;
  description?: string | null;
  homepage?: string | null;
  is_extension?: boolean;
  versions?: SeedVersion[];
}

export interface SandboxOptions {
  /** Staff token: may read and write. */
  token: string;
  /** Non-staff token: may read; writes get 403. */
  readOnlyToken?: string;
  /**
   * Field names of nested versions and targets in responses. new (default): versions carry
   * module_version and the module object, targets target_type/target_name/target_subtype/location.
   * old: versions carry only module.module_version, targets cpu_family/cpu_microarchitecture/path.
   */
  targetSchema?: TargetSchema;
  faults?: Partial<SandboxFaults>;
  seed?: SandboxSeed;
}

/** cpuFamily is target_name, cpuMicroarchitecture target_subtype, path location (see Target). */
export interface StoredTarget extends Target {
  uuid: string;
  /** target_type: "cpu_architecture", or build_variant, platform, ... for other kinds. */
  type: string;
  metadata: Record<string, unknown>;
  gpuArchitectures: string[];
}

export interface StoredVersion {
  uuid: string;
  version: string;
  /** Waldur's module_version ("" = none). */
  moduleVersion: string;
  /** The module object of the version (Waldur shows its metadata's module). */
  module: Record<string, unknown>;
  releaseDate: string | null;
  targets: StoredTarget[];
}

/** A target given to the store: a model target, optionally with Waldur's extra fields. */
export type TargetInput = Target & { type?: string; metadata?: Record<string, unknown>; gpuArchitectures?: string[] };

export interface VersionInput {
  version: string;
  moduleVersion?: string;
  module?: Record<string, unknown>;
  releaseDate?: string | null;
  targets: TargetInput[];
}

export interface StoredCatalog {
  uuid: string;
  name: string;
  version: string;
  catalogType: CatalogType;
  description: string;
  sourceUrl: string;
  created: string;
  modified: string;
}

export interface StoredPackage {
  uuid: string;
  /** Insertion order: the tie-breaker that keeps pagination stable. */
  seq: number;
  catalogUuid: string;
  name: string;
  description: string;
  homepage: string | null;
  isExtension: boolean;
  versions: StoredVersion[];
  created: string;
  modified: string;
}

export interface CatalogInput {
  name: string;
  version: string;
  catalogType?: CatalogType;
  description?: string;
  sourceUrl?: string;
}

export interface PackageInput {
  name: string;
  description?: string;
  homepage?: string | null;
  isExtension?: boolean;
  versions?: VersionInput[];
}

/** Direct access to the store, for tests and seeding. Values are stored as given (no validation). */
export interface SandboxState {
  /** Bumped on every change; list results are cached per revision. */
  readonly revision: number;
  addCatalog(input: CatalogInput): StoredCatalog;
  /** Throws when (catalog, name) is taken or the catalog does not exist. */
  addPackage(catalogUuid: string, input: PackageInput): StoredPackage;
  updateCatalog(uuid: string, patch: Partial<CatalogInput>): StoredCatalog;
  /** Renames and moves keep the (catalog, name) index right; throws when the pair is taken. */
  updatePackage(uuid: string, patch: Partial<Omit<PackageInput, 'versions'>> & { catalogUuid?: string }): StoredPackage;
  /** Replaces a package's versions (they are read-only over REST). */
  setVersions(packageUuid: string, versions: NonNullable<PackageInput['versions']>): StoredPackage;
  getCatalog(uuid: string): StoredCatalog | undefined;
  getPackage(uuid: string): StoredPackage | undefined;
  findCatalog(name: string, version: string, catalogType?: CatalogType): StoredCatalog | undefined;
  /** Exact, case-sensitive name. */
  findPackage(catalogUuid: string, name: string): StoredPackage | undefined;
  listCatalogs(): StoredCatalog[];
  /** In insertion order; one catalog's packages when catalogUuid is given. */
  listPackages(catalogUuid?: string): StoredPackage[];
  packageCount(catalogUuid?: string): number;
  deletePackage(uuid: string): boolean;
  /** Deletes the catalog and its packages. */
  deleteCatalog(uuid: string): boolean;
  /** Hyperlink URL of a catalog as the API shows it (needs the sandbox to be listening). */
  catalogUrl(uuid: string): string;
  packageUrl(uuid: string): string;
  clear(): void;
}

export interface SandboxStats {
  /** Requests received (including injected faults). */
  total: number;
  byMethod: Record<string, number>;
  /** Keyed "METHOD /api/route/" with {uuid} in place of ids, e.g. "GET /api/marketplace-software-packages/{uuid}/". */
  byRoute: Record<string, number>;
  /** Successful creates, updates and deletes (including those whose response was then lost). */
  writesApplied: number;
  injected: { errors: number; rateLimited: number; lostWrites: number };
  /** Requests with this method (and route, when given). */
  count(method: string, route?: string): number;
  reset(): void;
}

export interface Sandbox {
  listen(port?: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
  readonly state: SandboxState;
  readonly stats: SandboxStats;
  setFaults(faults: Partial<SandboxFaults>): void;
  readonly faults: Readonly<SandboxFaults>;
  /** API root (http://host:port/api/) once listening. */
  readonly url: string | null;
}

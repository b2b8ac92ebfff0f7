// The one internal shape every source produces and every client reads into.

export interface Target {
  /** e.g. x86_64, aarch64 */
  cpuFamily: string;
  /** e.g. generic, zen2, neoverse_v1 */
  cpuMicroarchitecture: string;
  /** Install location (CVMFS path, prefix, URL); "" when unknown. */
  path: string;
}

export interface PackageVersion {
  version: string;
  releaseDate?: string | null;
  targets: Target[];
}

/** The fields of a package that the sync writes. Values are already normalized (see normalize-field). */
export interface ManagedFields {
  description: string;
  homepage: string | null;
}

export interface DesiredPackage extends ManagedFields {
  name: string;
  /** Sent on create only (newer Waldur servers accept it). */
  isExtension?: boolean;
  versions: PackageVersion[];
}

export interface SourceWarning {
  /** Package name or field path the warning is about, when there is one. */
  item?: string;
  message: string;
}

export interface DesiredCatalog {
  /** Sorted by name, unique names. */
  packages: DesiredPackage[];
  warnings: SourceWarning[];
  /** Items that were skipped (bad name, ...). */
  itemErrors: SourceWarning[];
  /** Upstream fetch facts for metrics. */
  fetch?: { bytes: number; notModified: boolean };
}

export type CatalogType = 'binary_runtime' | 'source_package' | 'package_manager';

export interface CatalogRef {
  uuid: string;
  /** Hyperlink URL, the value the `catalog` field of a package takes. */
  url: string;
  name: string;
  version: string;
  catalogType: CatalogType;
}

/** A package as read back from Waldur, normalized. */
export interface ActualPackage extends ManagedFields {
  uuid: string;
  url: string;
  /** Hyperlink URL of its catalog. */
  catalog: string;
  name: string;
  isExtension: boolean;
  versions: PackageVersion[];
}

// The one internal shape every source produces and every client reads into.

/**
 * A CPU target of a version, valued like Waldur's own EESSI loader stores it. Waldur's newer
 * field names are target_name / target_subtype / location (target_type "cpu_architecture");
 * older servers expose the same values as cpu_family / cpu_microarchitecture / path.
 */
export interface Target {
  /** Waldur target_name (old: cpu_family): the part of EESSI's cpu_arch before the first "/", e.g. x86_64, aarch64. */
  cpuFamily: string;
  /**
   * Waldur target_subtype (old: cpu_microarchitecture): everything after the family, vendor
   * prefix kept: "generic", "amd/zen3", "intel/sapphirerapids", "neoverse_v1".
   */
  cpuMicroarchitecture: string;
  /** Waldur location (old: path): install location (CVMFS path, prefix, URL); "" when unknown. Not part of identity. */
  path: string;
}

export interface PackageVersion {
  /** Waldur `version`: the upstream version, e.g. "2024.4" (it may repeat across toolchains). */
  version: string;
  /**
   * Waldur `module_version`: EESSI's module.module_version, e.g. "2024.4-foss-2023b"; absent or ""
   * when upstream has none. Together with `version` it is the version's identity; see versionKey.
   */
  moduleVersion?: string;
  releaseDate?: string | null;
  targets: Target[];
}

/** The key Waldur's loader gives a version (module_version, else version): drift compares versions by it. */
export function versionKey(version: Pick<PackageVersion, 'version' | 'moduleVersion'>): string {
  return version.moduleVersion || version.version;
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

/** An upstream package whose name could not be used (control characters, too long, ...). */
export interface SkippedName {
  /** The name as Waldur would store it (ends stripped), so it can be matched against Waldur's packages. */
  name: string;
  reason: string;
}

export interface DesiredCatalog {
  /** Sorted by name, unique names. */
  packages: DesiredPackage[];
  warnings: SourceWarning[];
  /** Items that were skipped (bad name, ...). */
  itemErrors: SourceWarning[];
  /**
   * Names of the skipped packages: they still exist upstream, so a Waldur package with such a
   * name is never deleted. Optional so readers built elsewhere need not set it.
   */
  skippedNames?: SkippedName[];
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
  /** Waldur's `modified` time as it answered it (absent when the server leaves it out); a saved plan checks it. */
  modified?: string;
}

// The SoftwarePackage serializer's input side: writable fields, DRF messages, (catalog, name)
// uniqueness. Read-only fields (versions, counts, catalog_name...) are ignored, as DRF does.
import { MAX_HOMEPAGE_LENGTH, MAX_NAME_LENGTH } from '../normalize.js';
import type { ApiResponse } from './handler-types.js';
import { resolveCatalogHyperlink } from './resolve-catalog-hyperlink.js';
import type { SandboxState, StoredCatalog, StoredPackage } from './types.js';
import { checkBooleanField, checkCharField, checkFields } from './validate-fields.js';

export interface PackageChanges {
  catalog?: StoredCatalog;
  name?: string;
  description?: string;
  homepage?: string | null;
  isExtension?: boolean;
}

export const UNIQUE_PACKAGE_MESSAGE = 'The fields catalog, name must make a unique set.';

/** Validated changes, or the 400 to answer. `instance` is the package being updated (PUT/PATCH). */
export function validatePackageBody(
  body: Record<string, unknown>,
  state: SandboxState,
  options: { partial: boolean; instance?: StoredPackage },
): PackageChanges | ApiResponse {
  const result = checkFields(
    body,
    {
      catalog: { required: true, check: (raw) => resolveCatalogHyperlink(raw, state) },
      name: { required: true, check: (raw) => checkCharField(raw, { maxLength: MAX_NAME_LENGTH }) },
      description: { required: false, check: (raw) => checkCharField(raw, { allowBlank: true }) },
      homepage: {
        required: false,
        check: (raw) => checkCharField(raw, { maxLength: MAX_HOMEPAGE_LENGTH, allowBlank: true, allowNull: true, url: true }),
      },
      is_extension: { required: false, check: checkBooleanField },
    },
    options.partial,
  );
  if (!result.ok) return { status: 400, body: result.errors };
  const v = result.values;
  const changes: PackageChanges = {};
  if (v.catalog !== undefined) changes.catalog = v.catalog as StoredCatalog;
  if (v.name !== undefined) changes.name = v.name as string;
  if (v.description !== undefined) changes.description = v.description as string;
  if (v.homepage !== undefined) changes.homepage = v.homepage as string | null;
  if (v.is_extension !== undefined) changes.isExtension = v.is_extension as boolean;

  const catalogUuid = changes.catalog?.uuid ?? options.instance?.catalogUuid;
  const name = changes.name ?? options.instance?.name;
  if (catalogUuid !== undefined && name !== undefined) {
    const clash = state.findPackage(catalogUuid, name);
    if (clash && clash.uuid !== options.instance?.uuid) {
      return { status: 400, body: { non_field_errors: [UNIQUE_PACKAGE_MESSAGE] } };
    }
  }
  return changes;
}

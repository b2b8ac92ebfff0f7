// The SoftwareCatalog serializer's input side, with (name, version, catalog_type) uniqueness.
import type { CatalogType } from '../model.js';
import type { ApiResponse } from './handler-types.js';
import type { CatalogInput, SandboxState, StoredCatalog } from './types.js';
import { checkCharField, checkChoiceField, checkFields } from './validate-fields.js';

export const CATALOG_TYPES = ['binary_runtime', 'source_package', 'package_manager'] as const;
export const UNIQUE_CATALOG_MESSAGE = 'The fields name, version, catalog_type must make a unique set.';

export function validateCatalogBody(
  body: Record<string, unknown>,
  state: SandboxState,
  options: { partial: boolean; instance?: StoredCatalog },
): Partial<CatalogInput> | ApiResponse {
  const result = checkFields(
    body,
    {
      name: { required: true, check: (raw) => checkCharField(raw, { maxLength: 100 }) },
      version: { required: true, check: (raw) => checkCharField(raw, { maxLength: 50 }) },
      catalog_type: { required: false, check: (raw) => checkChoiceField(raw, CATALOG_TYPES) },
      description: { required: false, check: (raw) => checkCharField(raw, { allowBlank: true }) },
      source_url: { required: false, check: (raw) => checkCharField(raw, { maxLength: 200, allowBlank: true, url: true }) },
    },
    options.partial,
  );
  if (!result.ok) return { status: 400, body: result.errors };
  const v = result.values;
  const changes: Partial<CatalogInput> = {};
  if (v.name !== undefined) changes.name = v.name as string;
  if (v.version !== undefined) changes.version = v.version as string;
  if (v.catalog_type !== undefined) changes.catalogType = v.catalog_type as CatalogType;
  if (v.description !== undefined) changes.description = v.description as string;
  if (v.source_url !== undefined) changes.sourceUrl = v.source_url as string;

  const name = changes.name ?? options.instance?.name;
  const version = changes.version ?? options.instance?.version;
  const type = changes.catalogType ?? options.instance?.catalogType ?? 'binary_runtime';
  if (name !== undefined && version !== undefined) {
    const clash = state.findCatalog(name, version, type);
    if (clash && clash.uuid !== options.instance?.uuid) {
      return { status: 400, body: { non_field_errors: [UNIQUE_CATALOG_MESSAGE] } };
    }
  }
  return changes;
}

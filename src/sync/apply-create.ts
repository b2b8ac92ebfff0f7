import type { CatalogRef, ManagedFields } from '../model.js';
import type { PackageWrite, WaldurClient } from '../waldur/types.js';
import { findPackageByName } from './find-package-by-name.js';
import { isUniquenessError } from './is-uniqueness-error.js';
import { patchToMatch } from './patch-to-match.js';
import type { OperationResult } from './types.js';

export interface CreateRequest extends ManagedFields {
  name: string;
  isExtension?: boolean;
}

/**
 * Creates a package without ever making a duplicate. A retry looks the name up first (the
 * previous POST may have been applied with its response lost); a 400 "must make a unique set"
 * means it exists, so it is looked up and patched to match instead. Finding it already equal
 * counts as created (it was our own earlier attempt); having to patch it counts as updated.
 */
export async function applyCreate(
  client: WaldurClient,
  request: CreateRequest,
  ctx: { catalog: CatalogRef; mayHaveRun: boolean; signal?: AbortSignal },
): Promise<OperationResult> {
  const fields: ManagedFields = { description: request.description, homepage: request.homepage };
  const adopt = async (writesSoFar: number): Promise<OperationResult | null> => {
    const existing = await findPackageByName(client, ctx.catalog, request.name, ctx.signal);
    if (!existing) return null;
    const writes = await patchToMatch(client, existing, fields, ctx.signal);
    return { outcome: writes > 0 ? 'updated' : 'created', writes: writesSoFar + writes, uuid: existing.uuid };
  };
  if (ctx.mayHaveRun) {
    const adopted = await adopt(0);
    if (adopted) return adopted;
  }
  const body: PackageWrite = { catalog: ctx.catalog.url, name: request.name, ...fields };
  if (request.isExtension !== undefined) body.is_extension = request.isExtension;
  try {
    const created = await client.createPackage(body, { signal: ctx.signal });
    return { outcome: 'created', writes: 1, uuid: created.uuid };
  } catch (err) {
    if (!isUniquenessError(err)) throw err;
    const adopted = await adopt(1);
    if (adopted) return adopted;
    throw err;
  }
}

import { ValidationError } from '../errors.js';

/** Waldur's 400 for an existing (catalog, name): "The fields catalog, name must make a unique set." */
export function isUniquenessError(err: unknown): boolean {
  if (!(err instanceof ValidationError)) return false;
  return Object.values(err.fields).some((messages) => messages.some((m) => /\bunique\b/i.test(m)));
}

import { randomUUID } from 'node:crypto';

/** Waldur's uuid format: 32 hex characters, no hyphens. */
export function newUuid(): string {
  return randomUUID().replaceAll('-', '');
}

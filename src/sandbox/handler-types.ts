// What the sandbox's route handlers receive and return; the server does HTTP, auth and faults.
import type { SandboxState, TargetSchema } from './types.js';

export interface ApiRequest {
  method: string;
  url: URL;
  /** API root as the client addressed it (hyperlinks are built from the Host header, like DRF). */
  root: string;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  /** Detail routes: the uuid segment. */
  id?: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A write changed the state (counts in stats; may have its response "lost"). */
  applied?: boolean;
}

export interface HandlerDeps {
  state: SandboxState;
  targetSchema: TargetSchema;
}

export type Handler = (req: ApiRequest, deps: HandlerDeps) => ApiResponse;

export const notFound = (): ApiResponse => ({ status: 404, body: { detail: 'Not found.' } });

export const methodNotAllowed = (method: string): ApiResponse => ({
  status: 405,
  body: { detail: `Method "${method}" not allowed.` },
});

/** DRF's answer to a body that is not a JSON object. */
export function expectObject(body: unknown): Record<string, unknown> | ApiResponse {
  if (body === undefined) return {};
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  const type = body === null ? 'NoneType' : Array.isArray(body) ? 'list' : typeof body === 'string' ? 'str' : typeof body === 'number' ? 'int' : 'bool';
  return { status: 400, body: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] } };
}

export function isResponse(value: unknown): value is ApiResponse {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as ApiResponse).status === 'number';
}

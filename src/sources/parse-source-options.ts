import type { z } from 'zod';
import type { SourceConfig } from '../config/types.js';
import { SourceError, ValidationError } from '../errors.js';
import { checkShape } from './check-shape.js';
import { describeLocation } from './describe-location.js';

/**
 * A reader's view of `source.options`. The config loader validates them first; this check keeps
 * embedded configs honest and gives the reader typed options.
 */
export function parseSourceOptions<T>(schema: z.ZodType<T>, source: SourceConfig): T {
  try {
    return checkShape(schema, source.options ?? {}, 'config', { basePath: ['options'] });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new SourceError(`source ${source.name}: invalid ${err.message}`, source.name, describeLocation(source.location), { cause: err });
  }
}

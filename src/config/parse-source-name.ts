import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

export const SOURCE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** A source's name is part of Redis keys, metric labels and CLI arguments: keep it plain. */
export const parseSourceName: Parser<string> = fromString((name) =>
  SOURCE_NAME.test(name) ? ok(name) : fail('must be 1 to 64 characters: letters, digits, ".", "_" or "-"'),
);

import { parseHostPort } from './parse-host-port.js';
import { fromString } from './parse-scalars.js';
import type { Parser } from './value-parser.js';

const HINT = 'must be host:port (e.g. 127.0.0.1:9464, 0.0.0.0:9464 or [::1]:9464)';

/** server.listen: `host:port`, IPv6 hosts in brackets; port 0 picks a free port. */
export const parseListenAddress: Parser<{ host: string; port: number }> = fromString((text) => parseHostPort(text, HINT));

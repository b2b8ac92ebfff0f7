import { describe, expect, it } from 'vitest';
import { parseListenAddress } from '../../src/config/parse-listen-address.js';

const HINT = 'must be host:port (e.g. 127.0.0.1:9464, 0.0.0.0:9464 or [::1]:9464)';

describe('parseListenAddress', () => {
  it.each([
    ['127.0.0.1:9464', { host: '127.0.0.1', port: 9464 }],
    ['0.0.0.0:80', { host: '0.0.0.0', port: 80 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    ['[::]:9464', { host: '::', port: 9464 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['metrics.internal:9464', { host: 'metrics.internal', port: 9464 }],
  ])('when listen is %j, then it is %j', (input, address) => {
    expect(parseListenAddress(input)).toEqual({ ok: true, value: address });
  });

  it.each([
    ['localhost', HINT],
    [':9464', HINT],
    ['::1:9464', HINT],
    ['127.0.0.1:', HINT],
    ['127.0.0.1:http', HINT],
    ['[zz::1]:9464', `${HINT}: the address in brackets is not IPv6`],
    ['bad_host:9464', `${HINT}: the host is not a host name or IPv4 address`],
    ['127.0.0.1:70000', `${HINT}: the port must be from 0 to 65535`],
    [9464, 'must be a string, not a number: quote it (e.g. "2023.06") so YAML keeps it as text'],
  ])('when listen is %j, then it is refused', (input, message) => {
    expect(parseListenAddress(input)).toEqual({ ok: false, message });
  });
});

import { describe, expect, it } from 'vitest';
import { encodeIdna } from '../../src/python/encode-idna.js';
import { encodePunycode } from '../../src/python/encode-punycode.js';
import { isIpv6Address } from '../../src/python/is-ipv6-address.js';

// Expected values are what CPython 3.11 returns for str.encode("idna"), str.encode("punycode")
// and ipaddress.IPv6Address.
describe('encodePunycode', () => {
  it.each([
    ['bücher', 'bcher-kva'],
    ['\u{1f600}', 'e28h'],
    ['例え', 'r8jz45g'],
    ['user@\u{1f600}', 'user@-3224d'],
  ])('%j -> %j', (input, output) => {
    expect(encodePunycode(input)).toBe(output);
  });
});

describe('encodeIdna (IDNA 2003, as Python encodes a netloc)', () => {
  it.each([
    ['bücher.example', 'xn--bcher-kva.example'],
    ['straße.de', 'strasse.de'],
    ['\u{1d400}.com', 'a.com'],
    ['ex\u200dample.com', 'example.com'],
    ['\u{1f600}.example.com:8080', 'xn--e28h.example.com:8080'],
    ['example\uff0ecom.', 'example.com.'],
    ['ASCII.Only', 'ASCII.Only'],
  ])('%j -> %j', (input, output) => {
    expect(encodeIdna(input)).toBe(output);
  });

  it.each([
    ['a..\u{1f600}', 'empty label'],
    ['\u{f0000}.com', 'private use'],
    ['\u0080x.com', 'C1 control'],
    ['xn--\u00fc.com', 'ACE prefix on a non-ASCII label'],
    ['\u05d0a\u{1f600}.com', 'bidi: Hebrew and Latin in one label'],
    [`${'\u{1f600}'.repeat(60)}.com`, 'label longer than 63 once encoded'],
  ])('%j is refused (%s)', (input) => {
    expect(() => encodeIdna(input)).toThrow(TypeError);
  });
});

describe('isIpv6Address (Python ipaddress)', () => {
  it.each([
    ['::', true],
    ['::1', true],
    ['1::', true],
    ['2001:db8::8:800:200c:417a', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:7:8', true],
    ['fe80::1%eth0', true],
    ['1:2:3', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    [':1:2:3:4:5:6:7', false],
    ['::ffff:192.0.2.01', false],
    ['12345::', false],
    ['1.2.3.4', false],
    ['', false],
  ])('%j -> %s', (text, valid) => {
    expect(isIpv6Address(text)).toBe(valid);
  });
});

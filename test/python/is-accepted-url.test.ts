import { describe, expect, it } from 'vitest';
import { isAcceptedUrl } from '../../src/python/is-accepted-url.js';

// Verdicts of Django 4.2's URLValidator (Waldur's schemes http, https, ftp, ftps). They were
// worked out by running django/core/validators.py's URLValidator.__call__ and regex, transcribed
// as they are in 4.2 (with 4.2.18's 39-character IPv6 limit), under CPython 3.11's re, urlsplit
// (3.11.4+ bracket checks), ipaddress and "idna" codec; the reason column says which step decides.
const rows: Array<[string, boolean, string]> = [
  ['https://www.gromacs.org', true, 'plain host'],
  ['ftp://ftp.gnu.org/gnu/', true, 'ftp is one of the schemes'],
  ['FTPS://files.example.org/pub', true, 'the scheme is compared lower-cased'],
  ['sftp://example.org/', false, 'scheme not allowed'],
  ['http://localhost:8080/x', true, 'localhost needs no TLD'],
  ['http://LOCALHOST/', true, 'the regex ignores case'],
  ['http://example', false, 'a host needs a TLD'],
  ['http://127.0.0.1/', true, 'IPv4'],
  ['http://01.2.3.4/', false, 'no leading zeros in IPv4, and digits are no TLD'],
  ['http://256.1.1.1/', false, 'octet out of range'],
  ['http://[::1]/', true, 'bracketed valid IPv6'],
  ['http://[2001:db8::1]:8443/path', true, 'IPv6 with port'],
  ['http://[::ffff:192.0.2.1]/', true, 'IPv6 with an embedded IPv4'],
  ['http://[1:2:3]/', false, 'brackets that are not a valid IPv6 address'],
  ['http://[1.2.3.4]/', false, 'an IPv4 address in brackets'],
  ['http://[1:2:3:4:5:6:7:8:9]/', false, 'nine hextets'],
  ['http://[0000:0000:0000:0000:0000:ffff:192.168.100.228]/', false, 'valid IPv6, but longer than 39 characters'],
  ['http://[::1%eth0]/', false, 'a scope id does not fit the regex'],
  ['http://[v1.fe]/', false, 'IPvFuture does not fit the regex'],
  ['http://user@[1:2:3]/', false, 'urlsplit refuses the invalid bracketed host'],
  ['http://[::1]x/', false, 'data after the bracket'],
  ['http://[::1/', false, 'unbalanced bracket'],
  ['http://user:pass@example.com/', true, 'user info'],
  ['http://example.com\\@evil.com/', true, '"example.com\\" is user info to the regex'],
  ['http://exa mple.com/', false, 'space in the host'],
  ['http://example.com/a b', false, 'space in the path'],
  ['http://example.com/a\u00a0b', false, 'NBSP is Python whitespace'],
  ['http://example.com/a\u0085b', false, '\\x85 is Python whitespace'],
  ['http://example.com/a\u001fb', false, '\\x1f is Python whitespace'],
  ['http://example.com/a\ufeffb', true, 'BOM is not Python whitespace'],
  ['http://-example.com/', false, 'label starts with a hyphen'],
  ['http://example-.com/', false, 'label ends with a hyphen'],
  ['http://a.b--c.de/', true, 'hyphens inside a label'],
  ['http://example.com:99999/', true, 'a port is 1 to 5 digits, not a number range'],
  ['http://example.com:123456/', false, 'six-digit port'],
  ['http://example.com:/', false, 'empty port'],
  ['http://ex%41mple.com/', false, 'percent in the host'],
  ['https://example.com./', true, 'trailing dot'],
  ['http://example.com#frag', true, 'fragment right after the host'],
  ['https://example.com/ünïcode-path', true, 'non-ASCII path'],
  ['http://example.com/\u{1f600}', true, 'astral character in the path'],
  ['https://例え.テスト/', true, 'BMP IDN host matches the first time'],
  ['https://bücher.example/', true, 'BMP IDN host'],
  ['http://пример.рф/', true, 'Cyrillic host and TLD'],
  ['http://ßtraße.example/', true, 'ß is in the Unicode letter range'],
  ['http://example.xn--p1ai/', true, 'punycode TLD'],
  ['http://ex\u00adample.com/', true, 'soft hyphen is in the Unicode letter range'],
  ['http://ex\u200dample.com/', true, 'zero-width joiner is in the range too'],
  ['http://example\uff0ecom/', true, 'full-width dot: IDNA splits labels at it'],
  ['http://\u{1f600}.example.com/', true, 'astral host: retried in IDNA form xn--e28h'],
  ['http://\u{1f4a9}.la/', true, 'astral host, two-letter TLD'],
  ['http://example.\u{1f4a9}/', true, 'astral TLD becomes xn--ls8h'],
  ['http://\u{1f600}example.com:8080/', true, 'IDNA encodes the netloc with its port'],
  ['http://user@\u{1f600}.com/', false, 'IDNA encodes "user@😀" as one label: xn--user@-... leaves a host starting with "-"'],
  ['http://user@x\u{1f600}.com/', true, 'the same trick leaves a host starting with "x"'],
  [`http://${'\u{1f600}'.repeat(3)}.com/`, true, 'three astral characters fit one label'],
  [`http://${'\u{1f600}'.repeat(60)}.com/`, false, 'their punycode is longer than 63'],
  ['http://\u{1d400}.com/', true, 'MATHEMATICAL BOLD A folds to "a"'],
  ['http://\u{f0000}.com/', false, 'private use character: nameprep refuses it'],
  ['http://\u0080example.com/', false, 'C1 control: outside the letter range and refused by nameprep'],
  ['http://\u05d0a\u{1f600}.com/', false, 'Hebrew with a Latin letter in one label: bidi rule'],
  ['http://example.com\u2100/', false, '℀ becomes "a/c" under NFKC: urlsplit refuses it'],
  ['http://example.中国1/', false, 'a TLD with a digit; its punycode has a "-" after xn--'],
  ['http://example.abc1/', false, 'a TLD with a digit'],
  [`http://${`${'a'.repeat(63)}.`.repeat(3)}${'a'.repeat(57)}.com/`, true, 'hostname of 253 characters'],
  [`http://${`${'a'.repeat(63)}.`.repeat(3)}${'a'.repeat(58)}.com/`, false, 'hostname of 254 characters'],
  ['http://\u0130stanbul.example/', true, 'İ is in the letter range'],
  ['http://example.xn--\u0131a/', true, 'Python\'s IGNORECASE lets ı match [a-z] in the punycode TLD'],
  ['http://example.com/\tx', false, 'tab'],
];

describe('isAcceptedUrl (Django 4.2 URLValidator)', () => {
  it.each(rows)('%j -> %s (%s)', (url, accepted) => {
    expect(isAcceptedUrl(url)).toBe(accepted);
  });

  it('when a value is longer than 2,048 characters, then it is refused', () => {
    expect(isAcceptedUrl(`https://example.org/${'a'.repeat(2028)}`)).toBe(true);
    expect(isAcceptedUrl(`https://example.org/${'a'.repeat(2029)}`)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { parseNoProxy, parseProxyUrl } from '../../src/config/parse-proxy.js';

const URL_HINT = 'must be an http:// or https:// URL of the proxy, e.g. http://proxy.example.org:3128';

describe('parseProxyUrl', () => {
  it.each(['http://proxy.example.org:3128', 'https://proxy:8443/', 'http://user:p%40ss@10.0.0.5:3128'])('when the url is %j, then it is accepted', (url) => {
    expect(parseProxyUrl(url)).toEqual({ ok: true, value: url });
  });

  it.each([
    ['socks5://proxy:1080', URL_HINT],
    ['proxy.example.org:3128', URL_HINT],
    ['http://user:s3cret@proxy:3128/path', `${URL_HINT} (no path, query or fragment)`],
    ['http://proxy:3128/?x=1', `${URL_HINT} (no path, query or fragment)`],
  ])('when the url is %j, then it is refused without repeating it', (url, message) => {
    expect(parseProxyUrl(url)).toEqual({ ok: false, message });
  });
});

describe('parseNoProxy', () => {
  it.each([
    [['localhost', '.svc.cluster.local', 'waldur.example.org:8443'], ['localhost', '.svc.cluster.local', 'waldur.example.org:8443']],
    ['localhost, 127.0.0.1,.svc', ['localhost', '127.0.0.1', '.svc']],
    ['', []],
    [[], []],
    ['*', ['*']],
  ])('when no_proxy is %j, then it is %j', (value, expected) => {
    expect(parseNoProxy(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [['10.0.0.0/8'], 'address ranges (CIDR) are not supported: list the host names or addresses'],
    ['*, localhost', '"*" (every host) must be the only entry'],
    [['a b'], 'must be one host name, address or pattern'],
    [42, 'must be a list of host names, or one comma-separated string (got a number)'],
  ])('when no_proxy is %j, then it is refused: %s', (value, message) => {
    expect(parseNoProxy(value)).toMatchObject({ ok: false, message });
  });
});

describe('parseConfig: proxy', () => {
  const parse = (proxy: string) =>
    parseConfig(
      `waldur:\n  url: http://127.0.0.1:8000/api/\n  token: t0ken-value\n${proxy}sources:\n  - name: site\n    kind: manifest\n    location: https://example.org/site.yaml\n    catalog: { name: Site, version: "1" }\n`,
      { file: null, env: { PROXY: 'http://proxy.example.org:3128' } },
    );

  it('when the proxy section is set, then Waldur calls and every source fetch use it', () => {
    const config = parse('proxy:\n  url: ${PROXY}\n  no_proxy: [waldur.example.org]\n');

    const expected = { url: 'http://proxy.example.org:3128', noProxy: ['waldur.example.org'] };
    expect(config.waldur.proxy).toEqual(expected);
    expect(config.sources[0]!.fetch.proxy).toEqual(expected);
  });

  it('when only no_proxy is set, then the proxy URL still comes from the environment', () => {
    expect(parse('proxy:\n  no_proxy: "*"\n').waldur.proxy).toEqual({ url: null, noProxy: ['*'] });
  });

  it('when there is no proxy section, then the environment decides', () => {
    const config = parse('');

    expect(config.waldur.proxy).toBeUndefined();
    expect(config.sources[0]!.fetch.proxy).toBeUndefined();
  });
});

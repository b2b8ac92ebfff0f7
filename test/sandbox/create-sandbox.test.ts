import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredCatalog } from '../../src/sandbox/types.js';
import { startTestSandbox, useTestSandbox, type TestSandbox } from '../support/start-sandbox.js';

const shared = useTestSandbox();
let sb: TestSandbox;
let catalog: StoredCatalog;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function api(method: string, path: string, options: { body?: unknown; token?: string | null; raw?: string } = {}): Promise<Answer> {
  const token = options.token === undefined ? sb.token : options.token;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Token ${token}`;
  const res = await fetch(new URL(path, sb.url), {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // HTML error pages stay text
  }
  return { status: res.status, headers: res.headers, body };
}

const catalogUrl = (): string => sb.sandbox.state.catalogUrl(catalog.uuid);

beforeEach(() => {
  sb = shared.current;
  catalog = sb.sandbox.state.addCatalog({ name: 'Site modules', version: '2026.1', catalogType: 'binary_runtime' });
});

describe('authentication and permissions', () => {
  it('when no token is sent, then 401 with a DRF detail', async () => {
    const res = await api('GET', 'marketplace-software-packages/', { token: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('when a wrong token is sent, then 401 "Invalid token."', async () => {
    const res = await api('GET', 'marketplace-software-packages/', { token: 'wrong-token' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token.' });
  });

  it('when the read-only token writes, then 403 and nothing is stored; it may still read', async () => {
    const write = await api('POST', 'marketplace-software-packages/', {
      token: sb.readOnlyToken,
      body: { catalog: catalogUrl(), name: 'GROMACS' },
    });
    const read = await api('GET', 'marketplace-software-packages/', { token: sb.readOnlyToken });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect(read.status).toBe(200);
    expect(sb.sandbox.state.packageCount()).toBe(0);
  });
});

describe('package operations', () => {
  it('when a package is created, then it has a 32-hex uuid, the hyperlinks and the catalog fields', async () => {
    const res = await api('POST', 'marketplace-software-packages/', {
      body: { catalog: catalogUrl(), name: 'GROMACS', description: 'MD', homepage: 'https://www.gromacs.org' },
    });
    expect(res.status).toBe(201);
    expect(res.body.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body).toMatchObject({
      url: `${sb.url}marketplace-software-packages/${res.body.uuid}/`,
      catalog: catalogUrl(),
      name: 'GROMACS',
      description: 'MD',
      homepage: 'https://www.gromacs.org',
      is_extension: false,
      catalog_name: 'Site modules',
      catalog_version: '2026.1',
      catalog_type: 'binary_runtime',
      version_count: 0,
      versions: [],
    });
    expect(sb.sandbox.stats.writesApplied).toBe(1);
  });

  it('when retrieve, PUT, PATCH and DELETE are used, then each behaves like Waldur', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib', description: 'old', homepage: 'https://zlib.net' });
    const path = `marketplace-software-packages/${pkg.uuid}/`;

    const got = await api('GET', path);
    const put = await api('PUT', path, { body: { catalog: catalogUrl(), name: 'zlib', description: 'new' } });
    const patch = await api('PATCH', path, { body: { homepage: null } });
    const del = await api('DELETE', path);
    const after = await api('GET', path);

    expect(got.status).toBe(200);
    expect(got.body.name).toBe('zlib');
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ description: 'new', homepage: 'https://zlib.net' });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ description: 'new', homepage: null });
    expect(del.status).toBe(204);
    expect(after.status).toBe(404);
    expect(after.body).toEqual({ detail: 'Not found.' });
  });

  it('when PUT omits a required field, then 400 "This field is required."', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib' });
    const res = await api('PUT', `marketplace-software-packages/${pkg.uuid}/`, { body: { description: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ catalog: ['This field is required.'], name: ['This field is required.'] });
  });

  it('when an unknown uuid is asked for, then 404', async () => {
    const res = await api('GET', `marketplace-software-packages/${'0'.repeat(32)}/`);
    expect(res.status).toBe(404);
  });

  it('when the uuid segment is a malformed %-escape, then 404 rather than a server error', async () => {
    const res = await api('GET', 'marketplace-software-packages/%E0%A4%A/');
    expect(res.status).toBe(404);
  });
});

describe('validation', () => {
  const post = (body: unknown): Promise<Answer> => api('POST', 'marketplace-software-packages/', { body });

  it('when the same name is created twice in a catalog, then 400 non_field_errors; other case is a different package', async () => {
    await post({ catalog: catalogUrl(), name: 'GROMACS' });
    const dup = await post({ catalog: catalogUrl(), name: 'GROMACS' });
    const otherCase = await post({ catalog: catalogUrl(), name: 'gromacs' });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ non_field_errors: ['The fields catalog, name must make a unique set.'] });
    expect(otherCase.status).toBe(201);
  });

  it('when a rename would clash with another package, then 400 unique set', async () => {
    sb.sandbox.state.addPackage(catalog.uuid, { name: 'a' });
    const b = sb.sandbox.state.addPackage(catalog.uuid, { name: 'b' });
    const res = await api('PATCH', `marketplace-software-packages/${b.uuid}/`, { body: { name: 'a' } });
    expect(res.status).toBe(400);
    expect(res.body.non_field_errors).toEqual(['The fields catalog, name must make a unique set.']);
  });

  it.each([
    ['a bare uuid', () => catalog.uuid, 'Invalid hyperlink - No URL match.'],
    ['an unknown catalog URL', () => `${sb.url}marketplace-software-catalogs/${'f'.repeat(32)}/`, 'Invalid hyperlink - Object does not exist.'],
    ['a package URL', () => `${sb.url}marketplace-software-packages/${'f'.repeat(32)}/`, 'Invalid hyperlink - Incorrect URL match.'],
    ['a URL on another host', () => `https://waldur.example.org/api/marketplace-software-catalogs/${catalog.uuid}/`, null],
  ])('when catalog is %s, then it is resolved like DRF HyperlinkedRelatedField', async (_, value, message) => {
    const res = await post({ catalog: value(), name: 'x' });
    if (message === null) {
      expect(res.status).toBe(201);
    } else {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ catalog: [message] });
    }
  });

  it('when strings have Python-whitespace at the ends, then they are stored stripped (\\x1c stripped, \\ufeff kept)', async () => {
    const res = await post({ catalog: catalogUrl(), name: ' \u001cGROMACS\t', description: '\ufeff text \n', homepage: ' https://www.gromacs.org ' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('GROMACS');
    expect(res.body.description).toBe('\ufeff text');
    expect(res.body.homepage).toBe('https://www.gromacs.org');
  });

  it.each([
    ['no TLD', 'https://intranet/x'],
    ['a mailto scheme', 'mailto:x@example.org'],
    ['an inner space', 'https://exa mple.org'],
    ['an inner \\x1c (Python whitespace)', 'https://example.org/a\u001cb'],
    ['more than 200 characters', `https://example.org/${'a'.repeat(190)}`],
    ['brackets that are not a valid IPv6 address', 'http://[1:2:3]/'],
  ])('when homepage has %s, then 400 for homepage', async (_, homepage) => {
    const res = await post({ catalog: catalogUrl(), name: 'x', homepage });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['homepage']);
  });

  it('when homepage is localhost, an IP, an astral IDN host (retried in IDNA form) or empty, then it is accepted', async () => {
    const a = await post({ catalog: catalogUrl(), name: 'a', homepage: 'http://localhost:8080/x' });
    const b = await post({ catalog: catalogUrl(), name: 'b', homepage: 'ftp://10.0.0.1/pub' });
    const c = await post({ catalog: catalogUrl(), name: 'c', homepage: '' });
    const d = await post({ catalog: catalogUrl(), name: 'd', homepage: 'https://\u{1f600}.example.org/' });
    expect([a.status, b.status, c.status, d.status]).toEqual([201, 201, 201, 201]);
  });

  it('when name is missing, blank, too long or holds NUL, then DRF messages', async () => {
    const missing = await post({ catalog: catalogUrl() });
    const blank = await post({ catalog: catalogUrl(), name: '   ' });
    const long = await post({ catalog: catalogUrl(), name: 'n'.repeat(201) });
    const nul = await post({ catalog: catalogUrl(), name: 'a\u0000b' });
    const nullDescription = await post({ catalog: catalogUrl(), name: 'x', description: null });
    expect(missing.body).toEqual({ name: ['This field is required.'] });
    expect(blank.body).toEqual({ name: ['This field may not be blank.'] });
    expect(long.body).toEqual({ name: ['Ensure this field has no more than 200 characters.'] });
    expect(nul.body).toEqual({ name: ['Null characters are not allowed.'] });
    expect(nullDescription.body).toEqual({ description: ['This field may not be null.'] });
  });

  it('when the body is not JSON or not an object, then 400', async () => {
    const broken = await api('POST', 'marketplace-software-packages/', { raw: '{"name":' });
    const list = await post([{ name: 'x' }]);
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/^JSON parse error/);
    expect(list.body).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  });

  it('when versions are sent, then they are ignored (read-only) and seeded versions stay', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, {
      name: 'zlib',
      versions: [{ version: '1.3', targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'zen2', path: '/p' }] }],
    });
    const res = await api('PATCH', `marketplace-software-packages/${pkg.uuid}/`, {
      body: { versions: [{ version: '9.9', targets: [] }], version_count: 5, description: 'd' },
    });
    expect(res.status).toBe(200);
    expect(res.body.version_count).toBe(1);
    expect(res.body.versions.map((v: { version: string }) => v.version)).toEqual(['1.3']);
  });
});

describe('pagination', () => {
  beforeEach(() => {
    for (let i = 0; i < 320; i += 1) sb.sandbox.state.addPackage(catalog.uuid, { name: `pkg-${String(i).padStart(3, '0')}` });
  });

  it('when no page_size is given, then 10 per page, a bare array, X-Result-Count and Link next', async () => {
    const res = await api('GET', `marketplace-software-packages/?catalog_uuid=${catalog.uuid}`);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toHaveLength(10);
    expect(res.headers.get('x-result-count')).toBe('320');
    expect(res.headers.get('link')).toContain(`page=2>; rel="next"`);
    expect(res.headers.get('link')).not.toContain('rel="prev"');
  });

  it('when page_size is above 300, then it is clamped to 300 silently', async () => {
    const res = await api('GET', 'marketplace-software-packages/?page_size=1000');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(300);
  });

  it('when the last page is asked, then it has the rest, a prev link and no next link', async () => {
    const res = await api('GET', 'marketplace-software-packages/?page_size=300&page=2');
    expect(res.body).toHaveLength(20);
    expect(res.headers.get('link')).toContain('rel="prev"');
    expect(res.headers.get('link')).not.toContain('rel="next"');
  });

  it('when following next links, then every package is seen exactly once in name order', async () => {
    const names: string[] = [];
    let next: string | null = `${sb.url}marketplace-software-packages/?page_size=100`;
    while (next) {
      const res = await api('GET', next);
      names.push(...res.body.map((p: { name: string }) => p.name));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(names).toHaveLength(320);
    expect(names).toEqual([...names].sort());
  });

  it('when a page beyond the end is asked, then 404 "Invalid page."', async () => {
    const res = await api('GET', 'marketplace-software-packages/?page=99');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Invalid page.' });
  });

  it('when HEAD is used on the list, then the count header comes without a body', async () => {
    const res = await api('HEAD', 'marketplace-software-packages/');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-result-count')).toBe('320');
    expect(res.body).toBeUndefined();
  });
});

describe('filters and ordering', () => {
  beforeEach(() => {
    const other = sb.sandbox.state.addCatalog({ name: 'Other', version: '1', catalogType: 'source_package' });
    sb.sandbox.state.addPackage(catalog.uuid, {
      name: 'GROMACS',
      description: 'molecular dynamics',
      versions: [
        {
          version: '2024.1',
          targets: [
            { cpuFamily: 'x86_64', cpuMicroarchitecture: 'amd/zen2', path: '/g' },
            { type: 'platform', cpuFamily: 'aarch64', cpuMicroarchitecture: 'linux', path: '' },
          ],
        },
      ],
    });
    sb.sandbox.state.addPackage(catalog.uuid, {
      name: 'gromacs-extra',
      isExtension: true,
      versions: [{ version: '1.0', targets: [{ cpuFamily: 'aarch64', cpuMicroarchitecture: 'neoverse_v1', path: '/x' }] }],
    });
    sb.sandbox.state.addPackage(other.uuid, { name: 'GROMACS', description: 'elsewhere' });
  });

  const names = async (query: string): Promise<string[]> => {
    const res = await api('GET', `marketplace-software-packages/?${query}`);
    expect(res.status).toBe(200);
    return res.body.map((p: { name: string; catalog_name: string }) => `${p.catalog_name}:${p.name}`);
  };

  it.each([
    ['catalog_uuid', () => `catalog_uuid=${catalog.uuid}`, ['Site modules:GROMACS', 'Site modules:gromacs-extra']],
    ['name (substring, case-insensitive)', () => 'name=OMAC', ['Other:GROMACS', 'Site modules:GROMACS', 'Site modules:gromacs-extra']],
    ['name_exact (case-insensitive)', () => 'name_exact=gromacs&o=catalog_name', ['Other:GROMACS', 'Site modules:GROMACS']],
    ['catalog_name', () => 'catalog_name=othe', ['Other:GROMACS']],
    ['catalog_version', () => 'catalog_version=2026', ['Site modules:GROMACS', 'Site modules:gromacs-extra']],
    ['description', () => 'description=DYNAMICS', ['Site modules:GROMACS']],
    ['query (matches a version)', () => 'query=2024.1', ['Site modules:GROMACS']],
    ['is_extension', () => 'is_extension=true', ['Site modules:gromacs-extra']],
    ['has_version', () => 'has_version=1.0', ['Site modules:gromacs-extra']],
    ['cpu_family', () => 'cpu_family=aarch64', ['Site modules:gromacs-extra']],
    ['cpu_microarchitecture (the full subtype)', () => 'cpu_microarchitecture=amd/zen2', ['Site modules:GROMACS']],
  ])('when filtering by %s, then only matching packages are listed', async (_, query, expected) => {
    expect((await names(query())).sort()).toEqual([...expected].sort());
  });

  it('when o=-name,catalog_name is given, then the order follows it', async () => {
    expect(await names('o=-name,catalog_name')).toEqual(['Site modules:gromacs-extra', 'Other:GROMACS', 'Site modules:GROMACS']);
  });

  it('when o names an unknown field or catalog_uuid is not a uuid, then 400 like django-filter', async () => {
    const badOrder = await api('GET', 'marketplace-software-packages/?o=homepage');
    const badUuid = await api('GET', 'marketplace-software-packages/?catalog_uuid=nope');
    expect(badOrder.status).toBe(400);
    expect(Object.keys(badOrder.body)).toEqual(['o']);
    expect(badUuid.body).toEqual({ catalog_uuid: ['Enter a valid UUID.'] });
  });
});

describe('version and target schemas', () => {
  const module = { full_module_name: 'GROMACS/2024.4-foss-2023b', module_name: 'GROMACS', module_version: '2024.4-foss-2023b' };

  it.each([
    [
      'new',
      { version: '2024.4', module_version: '2024.4-foss-2023b', module },
      [{ target_type: 'cpu_architecture', target_name: 'x86_64', target_subtype: 'amd/zen3', location: '/p', metadata: { full_arch: 'x86_64/amd/zen3' }, gpu_architectures: [] },
        { target_type: 'build_variant', target_name: 'cuda', target_subtype: '', location: '', metadata: {}, gpu_architectures: [] }],
    ],
    ['old', { version: '2024.4', module }, [{ cpu_family: 'x86_64', cpu_microarchitecture: 'amd/zen3', path: '/p' }]],
  ] as const)('when the schema is %s, then versions and targets carry its field names like Waldur', async (schema, expectedVersion, expectedTargets) => {
    const own = await startTestSandbox({ targetSchema: schema });
    try {
      const c = own.sandbox.state.addCatalog({ name: 'c', version: '1' });
      own.sandbox.state.addPackage(c.uuid, {
        name: 'GROMACS',
        versions: [
          {
            version: '2024.4',
            moduleVersion: '2024.4-foss-2023b',
            module,
            targets: [
              { cpuFamily: 'x86_64', cpuMicroarchitecture: 'amd/zen3', path: '/p', metadata: { full_arch: 'x86_64/amd/zen3' } },
              { type: 'build_variant', cpuFamily: 'cuda', cpuMicroarchitecture: '', path: '' },
            ],
          },
        ],
      });
      const res = await fetch(`${own.url}marketplace-software-packages/`, { headers: { authorization: `Token ${own.token}` } });
      const [pkg] = (await res.json()) as any[];
      const { targets, ...version } = pkg.versions[0];
      expect(version).toMatchObject(expectedVersion);
      expect(Object.hasOwn(version, 'module_version')).toBe(schema === 'new');
      expect(targets.map(({ uuid, ...rest }: { uuid: string }) => rest)).toEqual(expectedTargets);
    } finally {
      await own.close();
    }
  });

  it('when a version is given only a module version, then the module object carries it (old servers read it there)', async () => {
    const own = await startTestSandbox({ targetSchema: 'old' });
    try {
      const c = own.sandbox.state.addCatalog({ name: 'c', version: '1' });
      own.sandbox.state.addPackage(c.uuid, { name: 'x', versions: [{ version: '1', moduleVersion: '1-GCC-13.2.0', targets: [] }, { version: '2', targets: [] }] });
      const res = await fetch(`${own.url}marketplace-software-packages/`, { headers: { authorization: `Token ${own.token}` } });
      const [pkg] = (await res.json()) as any[];
      expect(pkg.versions.map((v: { module: unknown }) => v.module)).toEqual([{ module_version: '1-GCC-13.2.0' }, {}]);
    } finally {
      await own.close();
    }
  });
});

describe('catalogs', () => {
  it('when catalogs are created, listed, patched and deleted, then the CRUD and uniqueness hold', async () => {
    const created = await api('POST', 'marketplace-software-catalogs/', { body: { name: 'Mine', version: '1.0', catalog_type: 'source_package' } });
    const dup = await api('POST', 'marketplace-software-catalogs/', { body: { name: 'Mine', version: '1.0', catalog_type: 'source_package' } });
    const otherType = await api('POST', 'marketplace-software-catalogs/', { body: { name: 'Mine', version: '1.0', catalog_type: 'package_manager' } });
    const badType = await api('POST', 'marketplace-software-catalogs/', { body: { name: 'Mine', version: '2', catalog_type: 'rpm' } });
    const listed = await api('GET', 'marketplace-software-catalogs/?name=min');
    const patched = await api('PATCH', `marketplace-software-catalogs/${created.body.uuid}/`, { body: { description: 'd' } });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Mine', version: '1.0', catalog_type: 'source_package', package_count: 0 });
    expect(created.body.url).toBe(`${sb.url}marketplace-software-catalogs/${created.body.uuid}/`);
    expect(dup.status).toBe(400);
    expect(dup.body).toHaveProperty('non_field_errors');
    expect(otherType.status).toBe(201);
    expect(badType.body).toEqual({ catalog_type: ['"rpm" is not a valid choice.'] });
    expect(listed.body.map((c: { catalog_type: string }) => c.catalog_type).sort()).toEqual(['package_manager', 'source_package']);
    expect(patched.body.description).toBe('d');
  });

  it('when a catalog is deleted, then its packages are deleted too', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib' });
    const res = await api('DELETE', `marketplace-software-catalogs/${catalog.uuid}/`);
    expect(res.status).toBe(204);
    expect(sb.sandbox.state.getPackage(pkg.uuid)).toBeUndefined();
    expect((await api('GET', `marketplace-software-packages/${pkg.uuid}/`)).status).toBe(404);
  });
});

describe('faults and stats', () => {
  it('when errorRate is 1, then 500 and nothing is applied', async () => {
    sb.sandbox.setFaults({ errorRate: 1 });
    const res = await api('POST', 'marketplace-software-packages/', { body: { catalog: catalogUrl(), name: 'x' } });
    expect(res.status).toBe(500);
    expect(sb.sandbox.state.packageCount()).toBe(0);
    expect(sb.sandbox.stats.injected.errors).toBe(1);
  });

  it('when rateLimitRate is 1, then 429 with Retry-After', async () => {
    sb.sandbox.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const res = await api('GET', 'marketplace-software-packages/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('when lostWriteRate is 1, then the write is applied but the connection drops without an answer', async () => {
    sb.sandbox.setFaults({ lostWriteRate: 1 });
    await expect(api('POST', 'marketplace-software-packages/', { body: { catalog: catalogUrl(), name: 'lost' } })).rejects.toThrow();
    expect(sb.sandbox.state.findPackage(catalog.uuid, 'lost')).toBeDefined();
    expect(sb.sandbox.stats.writesApplied).toBe(1);
    expect(sb.sandbox.stats.injected.lostWrites).toBe(1);
  });

  it('when requests are made, then stats count them by method and route template', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib' });
    await api('GET', 'marketplace-software-packages/');
    await api('GET', `marketplace-software-packages/${pkg.uuid}/`);
    await api('DELETE', `marketplace-software-packages/${pkg.uuid}/`);
    expect(sb.sandbox.stats.total).toBe(3);
    expect(sb.sandbox.stats.count('GET')).toBe(2);
    expect(sb.sandbox.stats.count('GET', '/api/marketplace-software-packages/{uuid}/')).toBe(1);
    expect(sb.sandbox.stats.count('DELETE', '/api/marketplace-software-packages/{uuid}/')).toBe(1);
    expect(sb.sandbox.stats.writesApplied).toBe(1);
  });
});

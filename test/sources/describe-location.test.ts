import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLocation } from '../../src/sources/describe-location.js';

describe('describeLocation', () => {
  it.each([
    ['/srv/upstream/site.yaml', '/srv/upstream/site.yaml'],
    ['https://www.example.org/api/eessi.json', 'https://www.example.org/api/eessi.json'],
    ['https://user:pa55word@example.org/x.json', 'https://***@example.org/x.json'],
    ['https://example.org/x.json?X-Amz-Signature=abc123&version=2', 'https://example.org/x.json?X-Amz-Signature=***&version=2'],
    ['https://example.org/x.json?access_token=abc123', 'https://example.org/x.json?access_token=***'],
  ])('when the location is %s, then it is shown as %s', (location, shown) => {
    expect(describeLocation(location)).toBe(shown);
  });

  it('when a local path is inside the working directory, then it is shown relative to it', () => {
    expect(describeLocation(join(process.cwd(), 'config', 'examples', 'site-manifest.yaml'))).toBe(join('config', 'examples', 'site-manifest.yaml'));
  });
});

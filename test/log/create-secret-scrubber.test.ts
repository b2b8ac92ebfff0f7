import { describe, expect, it } from 'vitest';
import { createSecretScrubber } from '../../src/log/create-secret-scrubber.js';

describe('createSecretScrubber', () => {
  it('when a secret is added later, then both the old and the new one are scrubbed, the longer one whole', () => {
    const scrubber = createSecretScrubber(['old-token-1234']);

    scrubber.add(['new-token-5678', 'new-token-5678-and-more', 'ab']);

    expect(scrubber.scrub('a old-token-1234 b new-token-5678 c new-token-5678-and-more d ab')).toBe(
      'a [REDACTED] b [REDACTED] c [REDACTED] d ab',
    );
  });

  it('when no secret is known, then lines pass unchanged', () => {
    expect(createSecretScrubber().scrub('{"msg":"x"}')).toBe('{"msg":"x"}');
  });
});

import { describe, expect, it } from 'vitest';
import { html } from '../../../src/daemon/http/html.js';

describe('html', () => {
  it('when values hold markup, then they are escaped for text and quoted attributes', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<a title="${name}">${name}</a>`.text).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</a>',
    );
  });

  it('when values are nested html, arrays, numbers or empty, then html is kept, arrays joined and empties dropped', () => {
    const items = ['<b>', 'c'].map((v) => html`<li>${v}</li>`);
    expect(html`<ul>${items}</ul>${0}${null}${undefined}${false}`.text).toBe('<ul><li>&lt;b&gt;</li><li>c</li></ul>0');
  });

  it('when an object merely looks like html output, then it is escaped as text', () => {
    const forged = { text: '<script>' } as unknown;
    expect(html`${forged}`.text).toBe('[object Object]');
  });
});

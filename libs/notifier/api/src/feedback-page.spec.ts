import { FEEDBACK_PAGE_CSP, feedbackConfirmPage, feedbackThanksPage, html, SafeHtml } from './feedback-page';

describe('feedback pages', () => {
  it('should escape every interpolated value unless it was itself built by html', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${'"><script>alert(1)</script>'}</p>${inner}`.value).toBe('<p>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p><b>&lt;i&gt;</b>');
    expect(html`${{ toString: () => '<x>' }}`.value).toBe('&lt;x&gt;');
    expect(html`${new SafeHtml('<ok>')}`.value).toBe('<ok>');
  });

  it('should show the verdict and a form that posts the same token back, with the id escaped and no script', () => {
    const page = feedbackConfirmPage('not_relevant', 'c1"><img src=x onerror=alert(1)>', 'abc.def-_');
    expect(page).toContain('<strong>not relevant</strong>');
    expect(page).toContain('<form method="post" action="?token=abc.def-_">');
    expect(page).toContain('c1&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // The hostile id stays text: the only elements are the page's own.
    expect([...new Set([...page.matchAll(/<([a-z]+)/gi)].map((m) => m[1]))].sort()).toEqual(['body', 'button', 'code', 'form', 'head', 'html', 'meta', 'p', 'strong', 'title']);
  });

  it('should thank for the verdict recorded', () => {
    expect(feedbackThanksPage('relevant')).toContain('recorded as <strong>relevant</strong>');
  });

  it('should forbid scripts, styles, frames and forms posting elsewhere', () => {
    expect(FEEDBACK_PAGE_CSP).toContain("default-src 'none'");
    expect(FEEDBACK_PAGE_CSP).toContain("form-action 'self'");
    expect(FEEDBACK_PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(FEEDBACK_PAGE_CSP).not.toContain('unsafe');
  });
});

import { escapeHtml } from '@pharma-radar/notifier-subscriptions';
import type { FeedbackRecordedV1 } from '@pharma-radar/contracts';

/** Markup that was built by `html` and so is already escaped; the only way a value is spliced in unescaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * Escaped by construction: every interpolated value is HTML-escaped unless it is a SafeHtml made by this same tag.
 * A token or an id from a link can therefore never become markup, whoever edits the page later.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += v instanceof SafeHtml ? v.value : escapeHtml(String(v));
    out += strings[i + 1];
  });
  return new SafeHtml(out);
}

/**
 * No script, no style, no frames, and the form may only post back here: the page needs nothing else, so a
 * browser refuses anything an injection could add.
 */
export const FEEDBACK_PAGE_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const LABEL: Record<FeedbackRecordedV1['verdict'], string> = { relevant: 'relevant', not_relevant: 'not relevant' };

const page = (title: string, body: SafeHtml) =>
  html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body>${body}</body></html>`.value;

/** The GET page: names the verdict and asks for the POST; the token travels in the form's action, as in unsubscribe. */
export function feedbackConfirmPage(verdict: FeedbackRecordedV1['verdict'], collaborationId: string, token: string): string {
  const action = `?token=${encodeURIComponent(token)}`;
  return page('Pharma Radar feedback', html`<p>Mark the Pharma Radar alert <code>${collaborationId}</code> as <strong>${LABEL[verdict]}</strong>?</p><form method="post" action="${action}"><button type="submit">Yes, ${LABEL[verdict]}</button></form>`);
}

export function feedbackThanksPage(verdict: FeedbackRecordedV1['verdict']): string {
  return page('Pharma Radar feedback', html`<p>Thank you: the alert is recorded as <strong>${LABEL[verdict]}</strong>. You may close this page.</p>`);
}

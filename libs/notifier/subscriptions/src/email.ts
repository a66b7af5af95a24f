// A deliberately conservative subset of RFC 5321 mailbox syntax. Anything exotic (quoted local parts,
// comments, address lists, IP literals, display names, non-ASCII) is refused rather than interpreted,
// because every interpretation difference between us and an MTA is a place to smuggle a recipient.

export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;
const LABEL_MAX_LENGTH = 63;

// Fixed character classes only; no nested quantifiers, so no backtracking blow-up.
const LOCAL_ATOM = /^[A-Za-z0-9_+'-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,63}$/;

export type EmailProblem = 'empty' | 'too_long' | 'syntax' | 'local_part' | 'domain';

/** Null when `value` is an acceptable mailbox, otherwise why not. */
export function emailProblem(value: string): EmailProblem | null {
  if (value.length === 0) return 'empty';
  if (value.length > EMAIL_MAX_LENGTH) return 'too_long';
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return 'syntax';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > LOCAL_MAX_LENGTH) return 'local_part';
  // Dot-atom: atoms separated by single dots (no leading, trailing or doubled dot).
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return 'local_part';
  const labels = domain.split('.');
  if (labels.length < 2) return 'domain';
  if (!labels.every((l) => l.length <= LABEL_MAX_LENGTH && DOMAIN_LABEL.test(l))) return 'domain';
  // An all-letter TLD rules out dotted-quad IPs (a@127.0.0.1) that bracket-free parsers accept.
  if (!TLD.test(labels[labels.length - 1])) return 'domain';
  return null;
}

export function isValidEmail(value: string): boolean {
  return emailProblem(value) === null;
}

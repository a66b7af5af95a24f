// Log-safe views of secrets and personal data. Webhook URLs carry their token in the path, so only
// the origin survives; emails keep their first character and domain so an operator can still tell
// two recipients apart.

/** 'https://hooks.slack.com/services/T0/B0/secret' → 'https://hooks.slack.com/services/***'. */
export function maskSecret(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '***';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '***';
  const first = parsed.pathname.split('/').filter(Boolean)[0];
  // The first path segment is a route name ("services"), not a secret, when it is short and plain.
  const route = first && /^[a-z]{1,20}$/.test(first) ? `/${first}` : '';
  return `${parsed.protocol}//${parsed.host}${route}/***`;
}

/** 'jane.doe@corp.com' → 'j***@corp.com'; anything unparseable → '***'. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  // Anything that is not one plain mailbox (two '@', whitespace, controls) is masked whole.
  if (at <= 0 || at === address.length - 1 || address.indexOf('@') !== at || /[\s\p{Cc}]/u.test(address)) return '***';
  const domain = address.slice(at + 1);
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(domain)) return '***';
  const first = address[0];
  return /^[A-Za-z0-9]$/.test(first) ? `${first}***@${domain}` : `***@${domain}`;
}

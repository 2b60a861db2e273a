/**
 * Hosts whose pages an agent legitimately opens from Tandem: carrier tracking. Each entry also
 * allows its subdomains (www.ups.com, tools.usps.com), but only on a label boundary, so
 * `evil-ups.com` or `ups.com.evil.net` never match.
 */
export const CARRIER_TRACKING_HOSTS: readonly string[] = Object.freeze([
  'ups.com',
  'usps.com',
  'fedex.com',
  'dhl.com',
  'dhl.de',
  'royalmail.com',
]);

/** Where the answer came from, so the UI can explain a refusal. */
export type ExternalLinkVerdict = { allowed: true; url: string } | { allowed: false; reason: string };

const normalizeHost = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');

/** Whether `host` is `allowed` itself or one of its subdomains. */
export function hostMatches(host: string, allowed: string): boolean {
  const h = normalizeHost(host);
  const a = normalizeHost(allowed);
  return a.length > 0 && (h === a || h.endsWith(`.${a}`));
}

/**
 * Decides whether a link from customer text or a helpdesk payload may be opened in the user's
 * browser. Parsed with the WHATWG URL parser (never string matching on the raw text): https only,
 * no embedded credentials, host on the allow-list. Customer text is untrusted, so anything else is
 * refused rather than handed to the OS.
 */
export function checkExternalUrl(raw: string, extraHosts: readonly string[] = []): ExternalLinkVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { allowed: false, reason: 'That is not a valid web address.' };
  }
  if (url.protocol !== 'https:') {
    return { allowed: false, reason: 'Tandem only opens secure (https) links.' };
  }
  if (url.username || url.password) {
    return { allowed: false, reason: 'Tandem does not open links that carry a user name or password.' };
  }
  const host = url.hostname;
  if (!host || host.startsWith('[') || /^[\d.]+$/.test(host)) {
    return { allowed: false, reason: 'Tandem does not open links to bare IP addresses.' };
  }
  const allowedHosts = [...CARRIER_TRACKING_HOSTS, ...extraHosts];
  if (!allowedHosts.some((a) => hostMatches(host, a))) {
    return {
      allowed: false,
      reason: `Tandem only opens carrier tracking pages and your helpdesk; ${host} is not one of them.`,
    };
  }
  return { allowed: true, url: url.href };
}

/**
 * The allow-list as the app uses it: carriers plus the helpdesk hosts features register (the
 * connector adds e.g. `acme.zendesk.com` once it is configured).
 */
export class ExternalLinkPolicy {
  private readonly providers = new Set<() => readonly string[]>();

  /** Adds a source of allowed hosts; returns a function that removes it again. */
  addHostProvider(provider: () => readonly string[]): () => void {
    this.providers.add(provider);
    return () => this.providers.delete(provider);
  }

  hosts(): string[] {
    return [...this.providers].flatMap((p) => p().filter((h) => typeof h === 'string' && h.trim() !== ''));
  }

  check(raw: string): ExternalLinkVerdict {
    return checkExternalUrl(raw, this.hosts());
  }
}

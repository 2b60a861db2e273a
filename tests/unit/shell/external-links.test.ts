import { describe, expect, it } from 'vitest';
import { checkExternalUrl, ExternalLinkPolicy, hostMatches } from '../../../src/main/security/external-links';

describe('external link allow-list', () => {
  it.each([
    'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    'https://ups.com/',
    'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400',
    'https://www.fedex.com/fedextrack/?trknbr=123',
    'https://www.dhl.com/en/express/tracking.html?AWB=123',
    'https://www.royalmail.com/track-your-item#/tracking-results/AB123',
    'HTTPS://WWW.UPS.COM/track',
    'https://www.ups.com./track',
  ])('opens %s', (url) => {
    expect(checkExternalUrl(url)).toMatchObject({ allowed: true });
  });

  it.each([
    ['http://www.ups.com/track', /https/],
    ['https://evil-ups.com/track', /not one of them/],
    ['https://ups.com.evil.net/track', /not one of them/],
    ['https://www.ups.co/track', /not one of them/],
    ['https://user:pass@www.ups.com/', /user name or password/],
    ['https://www.ups.com@evil.net/', /not one of them|user name/],
    ['javascript:alert(1)', /https/],
    ['file:///etc/passwd', /https/],
    ['https://192.168.0.1/', /IP/],
    ['https://[::1]/', /IP/],
    ['not a url', /not a valid/],
    ['https://xn--ups-4na.com/', /not one of them/],
  ])('refuses %s', (url, reason) => {
    const verdict = checkExternalUrl(url);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it('adds configured helpdesk hosts through providers, and removes them again', () => {
    const policy = new ExternalLinkPolicy();
    expect(policy.check('https://acme.zendesk.com/agent/tickets/1').allowed).toBe(false);
    const remove = policy.addHostProvider(() => ['acme.zendesk.com']);
    expect(policy.check('https://acme.zendesk.com/agent/tickets/1').allowed).toBe(true);
    expect(policy.check('https://other.zendesk.com/agent/tickets/1').allowed).toBe(false);
    remove();
    expect(policy.check('https://acme.zendesk.com/agent/tickets/1').allowed).toBe(false);
  });

  it('matches hosts only on label boundaries', () => {
    expect(hostMatches('a.b.ups.com', 'ups.com')).toBe(true);
    expect(hostMatches('notups.com', 'ups.com')).toBe(false);
    expect(hostMatches('ups.com', '')).toBe(false);
  });
});

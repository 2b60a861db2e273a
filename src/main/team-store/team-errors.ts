import { TeamSchemaTooNewError } from './migrate';

/** Server errors that settings, not time, must fix: shown as `error` rather than `offline`. */
const PERMANENT_CODES = new Set(['28P01', '28000', '42501', '42P01', '3D000', '42883']);

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the server did not answer in time',
  EHOSTUNREACH: 'the host cannot be reached from this network',
  ENETUNREACH: 'this computer is not on a network that reaches it',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
};

/**
 * Words an agent can act on for any failure talking to the team store — the status line and "Test
 * connection" both use them — and whether only a change of settings can fix it (`permanent`, shown as
 * an error) or time may (shown as offline, retried). Never the password: pg messages do not contain
 * it, and callers redact the URL.
 */
export function describeTeamError(error: unknown): { permanent: boolean; reason: string } {
  if (error instanceof TeamSchemaTooNewError) return { permanent: true, reason: error.message };
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? String(error);
  if (code === '28P01' || code === '28000') {
    return { permanent: true, reason: `The team store refused the login: ${e.message ?? 'wrong password'}.` };
  }
  if (code === '53100') {
    return {
      permanent: false,
      reason:
        'The team server is out of disk space: events stay queued on this computer and are sent once the administrator frees space.',
    };
  }
  if (/does not support SSL/i.test(message)) {
    return {
      permanent: true,
      reason:
        'The server does not offer TLS. Tandem only talks to a team store on another machine over TLS; ask your administrator to enable it, or connect through a loopback address (an SSH tunnel).',
    };
  }
  if (TLS_CODES.has(code)) {
    return {
      permanent: true,
      reason: `The server's certificate could not be verified (${code}). If your company uses its own certificate authority, paste its PEM in "CA certificate".`,
    };
  }
  if (PERMANENT_CODES.has(code))
    return { permanent: true, reason: `The team store refused the events: ${message}` };
  if (/not set up yet/.test(message)) return { permanent: true, reason: message };
  const network = NETWORK_CODES[code];
  if (network) {
    return {
      permanent: false,
      reason: `Team store unreachable: ${network} (${code}). Check the host and port and that you are on the company network; events stay queued here meanwhile.`,
    };
  }
  if (code === '57P01' || code === '57P02' || code === '57P03') {
    return {
      permanent: false,
      reason:
        'The team store server closed the connection (a restart or an administrator); events stay queued here and are sent when it is back.',
    };
  }
  if (/timeout/i.test(message)) {
    return {
      permanent: false,
      reason: 'The team store did not answer in time; events stay queued here and are sent when it answers.',
    };
  }
  if (/terminated|ended unexpectedly|Connection terminated/i.test(message)) {
    return {
      permanent: false,
      reason:
        'The connection to the team store was cut; events stay queued here and are sent when it is back.',
    };
  }
  return { permanent: false, reason: `Team store unreachable: ${message}` };
}

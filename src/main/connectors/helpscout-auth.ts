import { z } from 'zod';
import { createHttpClient, requireSecret } from './base';
import type { HttpClient } from './http/client';
import { ConnectorError } from './http/errors';
import type { ConnectorCommonOptions } from './schemas';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
});

/** Refresh this long before the advertised expiry so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Help Scout OAuth2 client-credentials tokens: fetched on first use from `/v2/oauth2/token`, kept in
 * memory only (never on disk or in logs), refreshed before expiry and after a 401. Concurrent requests
 * share one token fetch.
 */
export class HelpScoutTokens {
  private readonly http: HttpClient;
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly common: ConnectorCommonOptions,
    private readonly secrets: { clientIdSecret: string; clientSecretSecret: string },
  ) {
    this.http = createHttpClient(common, 'Help Scout', async () => ({}));
  }

  async get(signal?: AbortSignal): Promise<string> {
    const now = (this.common.timing?.now ?? Date.now)();
    if (this.token && now < this.token.expiresAt) return this.token.value;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Drops the cached token after a 401 so the next request gets a fresh one. */
  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const clientId = await requireSecret(
      this.common.getSecret,
      this.secrets.clientIdSecret,
      'Help Scout',
      'app ID',
    );
    const clientSecret = await requireSecret(
      this.common.getSecret,
      this.secrets.clientSecretSecret,
      'Help Scout',
      'app secret',
    );
    try {
      const { data } = await this.http.request({
        method: 'POST',
        path: '/v2/oauth2/token',
        form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
        schema: TokenResponse,
        withAuth: false,
        idempotent: true,
        signal,
      });
      const now = (this.common.timing?.now ?? Date.now)();
      const lifetimeMs = (data.expires_in ?? 172_800) * 1000;
      this.token = { value: data.access_token, expiresAt: now + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
      return data.access_token;
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        (error.code === 'unauthorized' || error.code === 'bad_request')
      ) {
        throw new ConnectorError(
          'unauthorized',
          'Help Scout rejected the app ID or secret. Re-authenticate the connection in Settings.',
        );
      }
      throw error;
    }
  }
}

import { servedRendererDir } from './harness/build';
import { expect, test } from './harness/fixtures';
import { startStaticServer } from './harness/static-server';

interface PageGlobals {
  __tandemInvoke(name: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
  tandem?: Record<string, (input?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>;
}

interface DomLike<F> {
  createElement(tag: 'iframe'): F;
  body: { append(node: F): void };
}

test('rejects malformed payloads with invalid_payload before any service runs', async ({ page, harness }) => {
  await harness.open();
  const before = harness.core.settings.get();
  const answers = await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).tandem!;
    return [
      await api.updateSettings!({ llm: { temperature: 'hot' } }),
      await api.updateSettings!({ notASetting: true }),
      await api.setSecret!({ name: 'llm.apiKey', value: '' }),
      await api.setSecret!({ name: 'not-a-secret', value: 'x' }),
    ];
  });
  for (const answer of answers) {
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  }
  expect(harness.core.settings.get()).toEqual(before);
  expect(await harness.secrets.get('llm.apiKey')).toBeNull();
  const unknown = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__tandemInvoke('dropDatabase', {}),
  );
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
});

test('rejects calls from an iframe of the app origin with untrusted_sender', async ({ page, harness }) => {
  await harness.open();
  await page.evaluate(async (src) => {
    // tests/ compile without the DOM library; name the few DOM members used here.
    interface Frame {
      src: string;
      addEventListener(type: 'load', listener: () => void, options: { once: boolean }): void;
    }
    const doc = (globalThis as unknown as { document: DomLike<Frame> }).document;
    const frame = doc.createElement('iframe');
    frame.src = src;
    const loaded = new Promise<void>((done) => frame.addEventListener('load', done, { once: true }));
    doc.body.append(frame);
    await loaded;
  }, harness.frameUrl);
  const frame = page.frames().find((f) => f.url() === harness.frameUrl);
  expect(frame, 'the test frame loaded').toBeTruthy();
  // The harness, like the preload, gives frames no API; even the raw channel is refused.
  expect(await frame!.evaluate(() => 'tandem' in globalThis)).toBe(false);
  const answer = await frame!.evaluate(() =>
    (globalThis as unknown as PageGlobals).__tandemInvoke('setSecret', {
      name: 'llm.apiKey',
      value: 'sk-from-frame',
    }),
  );
  expect(answer).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  expect(await harness.secrets.get('llm.apiKey')).toBeNull();
});

test('rejects calls from a page of another origin with untrusted_sender', async ({ page, harness }) => {
  const other = await startStaticServer(servedRendererDir());
  try {
    expect(other.origin).not.toBe(harness.origin);
    await page.goto(other.frameUrl);
    const answers = await page.evaluate(async () => [
      await (globalThis as unknown as PageGlobals).__tandemInvoke('getSettings', undefined),
      await (globalThis as unknown as PageGlobals).__tandemInvoke('updateSettings', { theme: 'dark' }),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(harness.core.settings.get().theme).toBe('system');
  } finally {
    await other.close();
  }
});

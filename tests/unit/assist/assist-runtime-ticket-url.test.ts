import { describe, expect, it } from 'vitest';
import { AssistRuntime } from '../../../src/main/assist/assist-runtime';
import { createEventBus } from '../../../src/main/ipc/event-bus';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';
import { defaultSettings } from '../../../src/shared/domain/settings';
import { recordingDeps } from './fakes';

const manualTimers = { setInterval: () => 0, clearInterval: () => undefined };

function runtime(onDidCopyUrl?: (text: string) => boolean) {
  const clipboard = new MemoryClipboard();
  const bus = createEventBus();
  const ignored: string[] = [];
  bus.onDidEmit((name, payload) => {
    if (name === 'onDidIgnoreClipboard') ignored.push((payload as { reason: string }).reason);
  });
  const { deps } = recordingDeps();
  const rt = new AssistRuntime({
    ...deps,
    clipboard,
    bus,
    settings: defaultSettings,
    timers: manualTimers,
    ...(onDidCopyUrl ? { onDidCopyUrl } : {}),
  });
  return { rt, clipboard, ignored };
}

describe('AssistRuntime: copied ticket URLs', () => {
  it('hands a connected ticket URL to the connectors instead of analysing it', () => {
    const seen: string[] = [];
    const { rt, clipboard, ignored } = runtime((text) => {
      seen.push(text);
      return text.includes('/agent/tickets/');
    });
    rt.start();
    clipboard.writeText('https://acme.zendesk.com/agent/tickets/35436');
    rt.watcher.tick();
    expect(seen).toEqual(['https://acme.zendesk.com/agent/tickets/35436']);
    expect(rt.service.state).toBeNull();
    expect(ignored).toEqual([]);

    // Anything the connectors decline still goes through the normal path.
    clipboard.writeText('Where is my order #10482 please?');
    rt.watcher.tick();
    expect(rt.service.state?.text).toBe('Where is my order #10482 please?');
    rt.stop();
  });

  it('the analyse-now shortcut uses the same hook', () => {
    const seen: string[] = [];
    const { rt, clipboard } = runtime((text) => (seen.push(text), true));
    clipboard.writeText('https://acme.gorgias.com/app/ticket/4242');
    expect(rt.analyzeNow()).toBeNull();
    expect(seen).toEqual(['https://acme.gorgias.com/app/ticket/4242']);
  });
});

import '../../../lib/zod-setup';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../../lib/ipc';
import { Banner } from '../../../ui/banner';
import type { Settings } from '../../../../shared/domain/settings';
import { useSettings } from '../hooks/use-settings-data';
import { useSettingsForm } from '../hooks/use-settings-form';
import { ApiKeySection } from './api-key-section';
import { ClipboardSection } from './clipboard-section';
import { ConnectionsSection } from './connections-section';
import { GeneralSection } from './general-section';
import { LlmSection } from './llm-section';
import { NoticesBanner } from './notices-banner';
import { ResetSection } from './reset-section';
import { SaveBar } from './save-bar';
import { ShortcutsSection } from './shortcuts-section';
import { TeamStoreSection } from './team-store-section';

function SettingsForm({ settings }: { settings: Settings }) {
  const form = useSettingsForm(settings);
  const save = (): void => void form.save();
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  // Ctrl/⌘+S saves from anywhere in the window while Settings is open, not only from inside a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="settings">
      <div className="settings__sections">
        <LlmSection form={form} />
        <ApiKeySection preset={form.values.preset} />
        <ClipboardSection form={form} />
        <ConnectionsSection />
        <TeamStoreSection form={form} />
        <ShortcutsSection form={form} />
        <GeneralSection form={form} />
        <ResetSection />
      </div>
      <SaveBar state={form.state} dirty={form.dirty} onSave={save} onDiscard={form.discard} />
    </div>
  );
}

/** The settings screen: everything the agent can change, saved to main and validated on both sides. */
export function SettingsView() {
  const settings = useSettings();
  return (
    <div className="view view--settings">
      <h1 className="view__title">Settings</h1>
      <NoticesBanner />
      {settings.isPending ? (
        <p role="status">Loading settings…</p>
      ) : settings.isError ? (
        <Banner level="error">
          Settings could not be loaded: {errorMessage(settings.error)}{' '}
          <button type="button" className="button button--ghost" onClick={() => void settings.refetch()}>
            Retry
          </button>
        </Banner>
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </div>
  );
}

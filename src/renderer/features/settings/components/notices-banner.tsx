import { Banner } from '../../../ui/banner';
import { useSettingsNotices } from '../hooks/use-settings-data';
import { useSettingsFormStore } from '../store/settings-form-store';

/** Tells the user what main repaired while loading settings (a corrupt file moved aside), once. */
export function NoticesBanner() {
  const notices = useSettingsNotices();
  const dismissed = useSettingsFormStore((s) => s.dismissedNotices);
  const dismiss = useSettingsFormStore((s) => s.dismissNotice);
  const visible = (notices.data ?? []).filter((n) => !dismissed.includes(n.message));
  if (visible.length === 0) return null;
  return (
    <div className="notices">
      {visible.map((n) => (
        <Banner
          key={n.message}
          level={n.level}
          onDismiss={() => dismiss(n.message)}
          dismissLabel="Dismiss notice"
        >
          {n.message}
        </Banner>
      ))}
    </div>
  );
}

import { EmptyState } from '../../../ui/empty-state';

/** What the dashboard shows before any decision is recorded: where its numbers come from. */
export function DashboardEmpty() {
  return (
    <EmptyState
      title="No assist activity in this period"
      icon={
        <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
          <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      }
    >
      <p>The dashboard fills in as suggestions are used. Figures come from:</p>
      <ul className="sup-empty-list">
        <li>
          <strong>This machine:</strong> every suggestion shown, accepted, edited or rejected in Assist here
          is recorded (after redaction) and appears within a second.
        </li>
        <li>
          <strong>Your agents’ machines:</strong> each agent exports their record (JSONL) and you import it
          below; events already present are skipped.
        </li>
        <li>
          <strong>A shared team store</strong> will later collect everyone’s record without files.
        </li>
      </ul>
      <p>Try a wider period if your team has worked before.</p>
    </EmptyState>
  );
}

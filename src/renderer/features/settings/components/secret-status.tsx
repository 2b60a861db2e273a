import type { useSecretEditor } from '../hooks/use-secret-editor';
import { errorMessage } from '../../../lib/ipc';

/** "Label: set / not set" for a write-only secret; the only thing the view ever learns about it. */
export function SecretStatus({
  label,
  testId,
  editor,
}: {
  label: string;
  testId: string;
  editor: Pick<ReturnType<typeof useSecretEditor>, 'status' | 'isSet'>;
}) {
  const { status, isSet } = editor;
  return (
    <p className="key-status">
      <span>{label}: </span>
      {status.isPending ? (
        <span>checking…</span>
      ) : status.isError ? (
        <span className="text-error">{errorMessage(status.error)}</span>
      ) : (
        <span className={`badge ${isSet ? 'badge--ok' : 'badge--muted'}`} data-testid={testId}>
          {isSet ? 'set' : 'not set'}
        </span>
      )}
    </p>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { PolicyResult } from '../../../../shared/domain/policy';
import { tandem, unwrap } from '../../../lib/ipc';

export interface DraftCheck {
  result: PolicyResult | null;
  /** Which draft text the result belongs to, so stale results are never shown as current. */
  checkedText: string | null;
  error: string | null;
}

/**
 * Runs the policy check on every change of the draft. Checks are cheap (well under a millisecond in
 * main), so there is no debounce; a sequence number drops answers that arrive out of order.
 */
export function useDraftCheck(draft: string | null, messageId: string | undefined): DraftCheck {
  const [state, setState] = useState<DraftCheck>({ result: null, checkedText: null, error: null });
  const seq = useRef(0);
  useEffect(() => {
    if (draft === null) return;
    const mine = ++seq.current;
    tandem()
      .checkDraft({ draft, ...(messageId ? { messageId } : {}) })
      .then(unwrap)
      .then(
        (result) => {
          if (mine === seq.current) setState({ result, checkedText: draft, error: null });
        },
        (error: unknown) => {
          if (mine === seq.current) {
            setState({ result: null, checkedText: draft, error: (error as Error).message ?? 'Check failed' });
          }
        },
      );
  }, [draft, messageId]);
  return state;
}

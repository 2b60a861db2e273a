import { useEffect, useRef } from 'react';

export interface AssistKeyHandlers {
  accept(index: number): void;
  edit(): void;
  escalate(): void;
  cancel(): void;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The panel's single-key shortcuts: 1/2/3 accept, E edit, X escalate, Esc cancel. They are off
 * while the agent types in a field, so writing a reply never triggers an action.
 */
export function useAssistKeys(handlers: AssistKeyHandlers, enabled: boolean): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        ref.current.cancel();
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '1' || e.key === '2' || e.key === '3') {
        e.preventDefault();
        ref.current.accept(Number(e.key) - 1);
      } else if (e.key === 'e' || e.key === 'E') {
        e.preventDefault();
        ref.current.edit();
      } else if (e.key === 'x' || e.key === 'X') {
        e.preventDefault();
        ref.current.escalate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

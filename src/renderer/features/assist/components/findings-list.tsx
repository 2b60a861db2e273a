import type { PolicyFinding } from '../../../../shared/domain/policy';

/** The policy findings of a draft, worst first, each with what to do about it. */
export function FindingsList({ findings, id }: { findings: readonly PolicyFinding[]; id?: string }) {
  if (findings.length === 0) return null;
  const order = { block: 0, warn: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="findings" id={id} aria-label="Policy findings">
      {sorted.map((f, i) => (
        <li key={`${f.rule}-${f.span[0]}-${i}`} className={`findings__item findings__item--${f.severity}`}>
          <span className={`severity severity--${f.severity}`}>
            {f.severity === 'block' ? 'Blocks' : f.severity === 'warn' ? 'Warning' : 'Note'}
          </span>{' '}
          <span className="findings__message">{f.message}</span>
          {f.hint ? <span className="findings__hint"> — {f.hint}</span> : null}
          <code className="findings__rule">{f.rule}</code>
        </li>
      ))}
    </ul>
  );
}

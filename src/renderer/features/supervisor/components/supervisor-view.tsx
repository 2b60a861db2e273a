import { EmptyState } from '../../../ui/empty-state';

/** Placeholder until the supervisor dashboard lands; says what it will show. */
export function SupervisorView() {
  return (
    <div className="view">
      <h1 className="visually-hidden">Supervisor</h1>
      <EmptyState title="Team overview — coming later">
        <p>
          This view will show how your team uses the suggestions: how often they are accepted or edited,
          policy overrides and escalations.
        </p>
      </EmptyState>
    </div>
  );
}

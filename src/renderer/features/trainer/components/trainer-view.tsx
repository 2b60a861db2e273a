import { EmptyState } from '../../../ui/empty-state';

/** Placeholder until training replay lands; says what it will show. */
export function TrainerView() {
  return (
    <div className="view">
      <h1 className="visually-hidden">Trainer</h1>
      <EmptyState title="Training cases — coming later">
        <p>This view will let you replay sample cases with new agents and score their replies.</p>
      </EmptyState>
    </div>
  );
}

import { useMemo } from 'react';
import { Banner } from '../../../ui/banner';
import { useCaseList } from '../hooks/use-trainer-data';
import { useTrainerUi } from '../store/trainer-ui-store';

/** The library as a filterable list; Enter or click on a case starts its replay. */
export function CasePicker() {
  const list = useCaseList();
  const ui = useTrainerUi();
  const cases = useMemo(() => list.data?.cases ?? [], [list.data]);
  const tags = useMemo(() => [...new Set(cases.flatMap((c) => c.tags))].sort(), [cases]);
  const shown = cases.filter(
    (c) =>
      (!ui.tagFilter || c.tags.includes(ui.tagFilter)) &&
      (!ui.difficultyFilter || c.difficulty === ui.difficultyFilter),
  );
  return (
    <section className="picker" aria-label="Training cases">
      <div className="picker__filters">
        <label>
          Trainee{' '}
          <input
            value={ui.trainee}
            onChange={(e) => ui.setTrainee(e.target.value)}
            maxLength={200}
            data-testid="trainee-name"
          />
        </label>
        <label>
          Tag{' '}
          <select
            value={ui.tagFilter}
            onChange={(e) => ui.setTagFilter(e.target.value)}
            data-testid="tag-filter"
          >
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Difficulty{' '}
          <select
            value={ui.difficultyFilter}
            onChange={(e) => ui.setDifficultyFilter(e.target.value as typeof ui.difficultyFilter)}
            data-testid="difficulty-filter"
          >
            <option value="">Any</option>
            <option value="easy">Easy</option>
            <option value="medium">Medium</option>
            <option value="hard">Hard</option>
          </select>
        </label>
        <span role="status">
          {shown.length} of {cases.length} cases
        </span>
      </div>
      {list.isError ? (
        <Banner level="error">The case library could not load: {list.error.message}</Banner>
      ) : null}
      {list.data?.problems.length ? (
        <Banner level="warning">
          {list.data.problems.length} case file problem(s):{' '}
          {list.data.problems
            .slice(0, 5)
            .map((p) => `${p.file}: ${p.path || '(file)'}: ${p.message}`)
            .join(' · ')}
        </Banner>
      ) : null}
      <ul className="picker__list">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="picker__case"
              onClick={() => ui.startCase(c.id)}
              disabled={!ui.trainee.trim()}
              data-testid={`case-${c.id}`}
            >
              <span className="picker__title">{c.title}</span>
              <span className={`badge picker__difficulty picker__difficulty--${c.difficulty}`}>
                {c.difficulty}
              </span>
              <span className="picker__meta">
                {c.customerTurns} customer {c.customerTurns === 1 ? 'message' : 'messages'} · {c.turns} turns
                {c.location === 'user' ? ' · your case' : ''}
              </span>
              <span className="picker__tags">{c.tags.join(', ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

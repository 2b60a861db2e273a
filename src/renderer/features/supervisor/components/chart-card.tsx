import { useId, type ReactNode } from 'react';

export interface ChartColumn<R> {
  label: string;
  cell(row: R): string;
}

export interface ChartCardProps<R> {
  title: string;
  /** One or two sentences a screen reader hears instead of the picture, also shown to everyone. */
  summary: string;
  rows: readonly R[];
  rowKey(row: R): string;
  columns: readonly ChartColumn<R>[];
  /** Drill-down from the data table: the keyboard path to what a click on the chart opens. */
  onOpenRow?(row: R): void;
  openLabel?(row: R): string;
  testId: string;
  children: ReactNode;
}

/**
 * Frame of every chart: a heading, a plain-words summary, the SVG, and the same numbers as a table behind
 * a disclosure. The table is the text alternative and the keyboard route to the drill-down, which a
 * pointer reaches by clicking the chart.
 */
export function ChartCard<R>(props: ChartCardProps<R>) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <section className="sup-card" aria-labelledby={titleId} data-testid={props.testId}>
      <h3 className="sup-card__title" id={titleId}>
        {props.title}
      </h3>
      <p className="sup-card__summary" id={summaryId}>
        {props.summary}
      </p>
      {props.rows.length ? (
        <div className="sup-card__chart" role="img" aria-labelledby={`${titleId} ${summaryId}`}>
          {props.children}
        </div>
      ) : (
        <p className="sup-card__empty text-muted">Nothing in this period.</p>
      )}
      {props.rows.length ? (
        <details className="sup-card__data">
          <summary>Data table</summary>
          <div className="sup-card__table-wrap">
            <table className="sup-table">
              <caption className="visually-hidden">{props.title}</caption>
              <thead>
                <tr>
                  {props.columns.map((c) => (
                    <th key={c.label} scope="col">
                      {c.label}
                    </th>
                  ))}
                  {props.onOpenRow ? (
                    <th scope="col">
                      <span className="visually-hidden">Events</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr key={props.rowKey(r)}>
                    {props.columns.map((c, i) =>
                      i === 0 ? (
                        <th key={c.label} scope="row">
                          {c.cell(r)}
                        </th>
                      ) : (
                        <td key={c.label}>{c.cell(r)}</td>
                      ),
                    )}
                    {props.onOpenRow ? (
                      <td>
                        <button
                          type="button"
                          className="button button--ghost sup-link"
                          aria-label={props.openLabel?.(r)}
                          onClick={() => props.onOpenRow?.(r)}
                        >
                          Events
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}

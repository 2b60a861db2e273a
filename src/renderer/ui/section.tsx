import { useId, type ReactNode } from 'react';

export interface SectionProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

/** A titled group; its heading names the region so screen-reader users can jump between sections. */
export function Section({ title, description, children }: SectionProps) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={id}>
      <h2 className="section__title" id={id}>
        {title}
      </h2>
      {description ? <p className="section__description">{description}</p> : null}
      <div className="section__body">{children}</div>
    </section>
  );
}

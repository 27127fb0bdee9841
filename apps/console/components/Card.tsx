import type { ReactNode } from "react";

/** A titled panel; `flush` drops the body padding for tables. */
export function Card({ title, actions, flush, children }: { title?: ReactNode; actions?: ReactNode; flush?: boolean; children: ReactNode }) {
  return (
    <section className="card">
      {(title || actions) && (
        <div className="card-head">
          {typeof title === "string" ? <h2>{title}</h2> : title}
          {actions && <div className="page-actions">{actions}</div>}
        </div>
      )}
      <div className={`card-body ${flush ? "flush" : ""}`.trim()}>{children}</div>
    </section>
  );
}

import type { ReactNode } from "react";

/** A page's title row: breadcrumbs above, title with badges, actions on the right. */
export function PageHeader({ title, crumbs, badges, actions }: { title: ReactNode; crumbs?: ReactNode; badges?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        {crumbs && <div className="crumbs">{crumbs}</div>}
        <div className="page-title">
          <h1>{title}</h1>
          {badges}
        </div>
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

"use client";
import { useEffect, useRef, type ReactNode } from "react";

/** A modal dialog: Escape or the backdrop closes it; the first field gets focus. */
export function Dialog({ title, onClose, footer, wide, children }: { title: ReactNode; onClose: () => void; footer?: ReactNode; wide?: boolean; children: ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    panel.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`dialog ${wide ? "wide" : ""}`.trim()} role="dialog" aria-modal="true" aria-label={typeof title === "string" ? title : undefined} ref={panel}>
        <div className="dialog-head">
          <h2>{title}</h2>
          <button className="btn btn-sm" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </div>
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-foot">{footer}</div>}
      </div>
    </div>
  );
}

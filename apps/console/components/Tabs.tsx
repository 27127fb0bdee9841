"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";

export interface TabItem {
  id: string;
  label: string;
  href: string;
}

/** A row of tabs as links, so each tab has its own address and the back button works. */
export function Tabs({ items, active }: { items: TabItem[]; active: string }) {
  const bar = useRef<HTMLElement>(null);

  // On a phone the row scrolls sideways: keep the active tab in view.
  useEffect(() => {
    const tab = bar.current?.querySelector<HTMLElement>("a.active");
    if (tab && bar.current) bar.current.scrollLeft = tab.offsetLeft - bar.current.clientWidth / 2 + tab.clientWidth / 2;
  }, [active]);

  return (
    <nav className="tabs" role="tablist" ref={bar}>
      {items.map((item) => (
        <Link key={item.id} href={item.href} role="tab" aria-selected={item.id === active} className={item.id === active ? "active" : undefined} scroll={false}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ThemeToggle } from "./ThemeToggle";

const NAV: { href: string; label: string; short?: string; match: (p: string) => boolean }[] = [
  { href: "/", label: "Overview", match: (p: string) => p === "/" },
  { href: "/topics/", label: "Topics", match: (p: string) => p.startsWith("/topics") },
  { href: "/groups/", label: "Consumer groups", short: "Groups", match: (p: string) => p.startsWith("/groups") },
];

/** The console's navigation (and who is signed in): on a laptop a column on the left, on a phone a bar across the top. */
export function Sidebar({ clusterId, signedInAs, onSignOut }: { clusterId: string | null; signedInAs: string | null; onSignOut: () => void }) {
  const pathname = usePathname() ?? "/";
  return (
    <aside className="sidebar">
      <Link href="/" className="brand">
        <span className="brand-mark">S</span>
        <span>Skein</span>
      </Link>
      <nav className="nav" aria-label="Main">
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} className={item.match(pathname) ? "active" : undefined}>
            {item.short ? (
              <>
                <span className="long">{item.label}</span>
                <span className="short">{item.short}</span>
              </>
            ) : (
              item.label
            )}
          </Link>
        ))}
      </nav>
      <div className="sidebar-foot">
        {clusterId && (
          <div className="cluster-id faint" title="Cluster id">
            Cluster <span className="mono">{clusterId}</span>
          </div>
        )}
        {signedInAs && (
          <div className="signed-in" data-testid="signed-in">
            Signed in as <span className="mono">{signedInAs}</span>{" "}
            <button type="button" className="btn-link" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        )}
        <ThemeToggle />
      </div>
    </aside>
  );
}

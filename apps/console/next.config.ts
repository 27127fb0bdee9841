import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/** The service `next dev` talks to; the static export always uses its own origin. */
const DEV_API = process.env.NEXT_PUBLIC_SKEIN_API ?? "http://localhost:8080";

/**
 * A static export: the service serves `out/` under `/console/` (and redirects `/` there), so the console and the API
 * share one origin. Under `next dev` the dev server forwards `/v3/*` to the service, so REST calls stay same-origin
 * there too and the service needs no CORS; the live-tail WebSocket connects to the service directly.
 */
export default function config(phase: string): NextConfig {
  const base: NextConfig = {
    output: "export",
    basePath: "/console",
    trailingSlash: true,
    images: { unoptimized: true },
    reactStrictMode: true,
    poweredByHeader: false,
  };
  if (phase !== PHASE_DEVELOPMENT_SERVER) return base;
  return {
    ...base,
    // trailingSlash would otherwise redirect /v3/clusters to /v3/clusters/ before forwarding it.
    skipTrailingSlashRedirect: true,
    env: { NEXT_PUBLIC_SKEIN_WS: DEV_API.replace(/^http/, "ws").replace(/\/$/, "") + "/ws" },
    rewrites: async () => [{ source: "/v3/:path*", destination: `${DEV_API}/v3/:path*`, basePath: false }],
  };
}

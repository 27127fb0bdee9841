import type { NextConfig } from "next";

/**
 * A static export under `/console`: the service serves `out/` there (and redirects `/` to it), so the console and
 * the API share one origin while the console's pages never shadow REST paths such as v2's `/topics`.
 */
const config: NextConfig = {
  output: "export",
  basePath: "/console",
  trailingSlash: true,
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;

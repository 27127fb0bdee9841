"use client";
import { createContext, useContext } from "react";

/** The cluster every page works on: the first (and in Skein the only) cluster the service reports. */
export const ClusterContext = createContext<string | null>(null);

/** The current cluster id; only valid below `ClusterProvider`, which renders nothing else until it is known. */
export function useClusterId(): string {
  const clusterId = useContext(ClusterContext);
  if (clusterId === null) throw new Error("useClusterId outside ClusterProvider");
  return clusterId;
}

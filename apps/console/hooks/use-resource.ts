"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/api";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the first answer (or error) for the current inputs arrives. */
  loading: boolean;
  /** Loads again now, keeping what is shown until the answer arrives. */
  reload: () => void;
}

export interface ResourceOptions {
  /** Poll every this many ms while the tab is visible. */
  intervalMs?: number;
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, error instanceof Error ? error.message : String(error));
}

/**
 * Loads data from the service and keeps it fresh. `load` is null while its inputs are not known yet; `key`
 * identifies the inputs, and a new key starts over with a loading state.
 */
export function useResource<T>(key: string | null, load: (() => Promise<T>) | null, options: ResourceOptions = {}): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError }>({ key: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const inFlight = useRef(false);

  const run = useCallback(
    async (forKey: string, force = false) => {
      const current = loadRef.current;
      if (!current || (inFlight.current && !force)) return;
      if (force) generation.current++;
      inFlight.current = true;
      const mine = generation.current;
      try {
        const data = await current();
        if (mine === generation.current) setState({ key: forKey, data });
      } catch (error) {
        if (mine === generation.current) setState((previous) => ({ key: forKey, data: previous.key === forKey ? previous.data : undefined, error: toApiError(error) }));
      } finally {
        inFlight.current = false;
      }
    },
    [],
  );

  useEffect(() => {
    if (key === null) return;
    generation.current++;
    inFlight.current = false;
    void run(key);
    if (!options.intervalMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void run(key);
    }, options.intervalMs);
    return () => clearInterval(timer);
  }, [key, options.intervalMs, run]);

  const reload = useCallback(() => {
    if (key !== null) void run(key, true);
  }, [key, run]);

  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key === null || !current,
    reload,
  };
}

/**
 * The console's client of `GET …/records:search`: reads the streamed lines as they arrive and hands each to the
 * caller; aborting the signal closes the connection, which stops the scan on the service.
 */
import { ApiError } from "./api";
import type { RecordSearchCriteria, RecordSearchLine } from "./api-types";

/** Runs a search, calling `onLine` for every line; resolves when the service ends it, rejects with an ApiError. */
export async function streamRecordSearch(clusterId: string, topic: string, criteria: RecordSearchCriteria, onLine: (line: RecordSearchLine) => void, signal: AbortSignal): Promise<void> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(criteria)) if (value !== undefined && value !== "") query.set(name, String(value));
  let response: Response;
  try {
    response = await fetch(`/v3/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(topic)}/records:search?${query}`, { signal, cache: "no-store" });
  } catch (e) {
    if (signal.aborted) return;
    throw new ApiError(0, "Cannot reach the Skein service. Check that it is running, then retry.");
  }
  if (!response.ok) {
    const text = await response.text();
    let message = text.trim() || `HTTP ${response.status}`;
    let code = response.status;
    try {
      const body = JSON.parse(text) as { error_code?: number; message?: string };
      if (typeof body.error_code === "number") [code, message] = [body.error_code, body.message ?? message];
    } catch {
      // not JSON: the status line says it
    }
    throw new ApiError(code, message);
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = pending.indexOf("\n")) !== -1) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (line.trim() !== "") onLine(JSON.parse(line) as RecordSearchLine);
      }
    }
  } catch (e) {
    if (signal.aborted) return;
    throw new ApiError(0, `The search was cut off: ${(e as Error).message}`);
  }
}

import type { ReactNode } from "react";
import type { ApiError } from "@/lib/api";

/** What an error code means for the user, and what they can do about it. */
function advice(error: ApiError): string {
  if (error.error_code === 0) return "The console cannot reach the Skein service. Check that it is running and reachable, then retry.";
  if (error.status === 404) return "It may have been deleted, or the link is out of date. Go back to the list and pick it again.";
  if (error.status >= 500) return "The service failed to answer. Retry; if it keeps failing, the service log says why.";
  return "Check the request and retry.";
}

/** Shown when a request failed: the service's message, its error code, and a retry. */
export function ErrorState({ error, what, message, onRetry, action }: { error?: ApiError; what: string; message?: string; onRetry?: () => void; action?: ReactNode }) {
  return (
    <div className="state state-error" role="alert">
      <div className="state-title">Could not load {what}</div>
      <div className="state-hint">
        {message ?? error?.message}
        {error && error.error_code !== 0 && <span className="faint"> (error {error.error_code})</span>}
      </div>
      {error && <div className="state-hint faint">{advice(error)}</div>}
      <div className="page-actions">
        {action}
        {onRetry && (
          <button className="btn" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

import type { ReactNode } from "react";
import type { Resource } from "@/hooks/use-resource";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";

/**
 * Renders a resource's data, or its loading or error state; `isEmpty` and `empty` give the empty state.
 * Once data has arrived, a failed refresh keeps showing it, with the error above.
 */
export function ResourceView<T>({
  resource,
  what,
  isEmpty,
  empty,
  children,
}: {
  resource: Resource<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { data, error, reload } = resource;
  if (data === undefined) {
    return error ? <ErrorState error={error} what={what} onRetry={reload} /> : <LoadingState what={what} />;
  }
  return (
    <>
      {error && (
        <div className="alert alert-error" role="alert" style={{ margin: 10 }}>
          Refreshing {what} failed: {error.message}. Showing the last answer.
        </div>
      )}
      {isEmpty?.(data) ? empty : children(data)}
    </>
  );
}

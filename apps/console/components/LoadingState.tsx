/** Shown while a request is in flight. */
export function LoadingState({ what }: { what: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <div className="spinner" />
      <div>Loading {what}…</div>
    </div>
  );
}

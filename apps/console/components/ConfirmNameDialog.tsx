"use client";
import { useState, type ReactNode } from "react";
import type { ApiError } from "@/lib/api";
import { Dialog } from "./Dialog";

/** A destructive action that only runs once the user has typed the resource's exact name. */
export function ConfirmNameDialog({
  title,
  name,
  consequence,
  actionLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  name: string;
  consequence: ReactNode;
  actionLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed === name;

  const confirm = async () => {
    if (!matches) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError((e as ApiError).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-danger solid" disabled={!matches || busy} onClick={confirm}>
            {busy ? "Working…" : actionLabel}
          </button>
        </>
      }
    >
      <div>{consequence}</div>
      <form className="field" onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
        <label htmlFor="confirm-name">
          Type <code>{name}</code> to confirm
        </label>
        <input id="confirm-name" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
      </form>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
    </Dialog>
  );
}

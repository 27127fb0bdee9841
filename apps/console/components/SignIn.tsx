"use client";
import { useState, type FormEvent } from "react";
import { signIn, type Session } from "@/lib/session";

/** The sign-in page: shown instead of every page while the service asks for credentials and nobody is signed in. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username, password));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="state">
      <h1>Sign in to Skein</h1>
      <form onSubmit={(e) => void submit(e)} aria-label="Sign in" style={{ display: "flex", flexDirection: "column", gap: 12, minWidth: 280 }}>
        <div className="field">
          <label htmlFor="sign-in-user">User</label>
          <input id="sign-in-user" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {error && (
          <div className="field-error" role="alert" data-testid="sign-in-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy || username === "" || password === ""}>
          Sign in
        </button>
      </form>
    </div>
  );
}

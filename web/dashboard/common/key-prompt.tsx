import { useState, type FormEvent } from 'react';

/** The first screen: paste an API key once; the tab keeps it in session storage. */
export function KeyPrompt({ error, busy, onSubmit }: { error: string | undefined; busy: boolean; onSubmit(key: string): void }) {
  const [key, setKey] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (key.trim()) onSubmit(key.trim());
  };
  return (
    <main className="key-prompt">
      <form className="key-card" onSubmit={submit} aria-labelledby="key-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">V</span> Velocity
        </div>
        <h1 id="key-title">Sign in with an API key</h1>
        <p className="muted">The key stays in this browser tab only (session storage) and is sent to this server alone.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          placeholder="vel_…"
          autoFocus
        />
        {error ? (
          <p className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Checking…' : 'Open dashboard'}
        </button>
      </form>
    </main>
  );
}

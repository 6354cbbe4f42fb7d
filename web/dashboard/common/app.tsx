import { useCallback, useEffect, useState } from 'react';
import { ApiError, HttpClient, errorText } from '../api/http-client';
import { ME } from '../api/system-queries';
import type { Viewer } from '../api/types';
import { forgetKey, storeKey, storedKey } from '../session/key-storage';
import { KeyPrompt } from './key-prompt';
import { SignedIn } from './signed-in';

type Phase = { name: 'prompt'; error?: string } | { name: 'checking'; key: string } | { name: 'ready'; key: string; me: Viewer };

async function whoIs(key: string): Promise<Viewer> {
  const { me } = await new HttpClient(key).request<{ me: Viewer }>(ME);
  return me;
}

/** Asks for a key until the server accepts one, then shows the dashboard for it. */
export function App() {
  const [phase, setPhase] = useState<Phase>(() => {
    const key = storedKey();
    return key ? { name: 'checking', key } : { name: 'prompt' };
  });

  const check = useCallback((key: string) => {
    setPhase({ name: 'checking', key });
    whoIs(key).then(
      (me) => {
        storeKey(key);
        setPhase({ name: 'ready', key, me });
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') forgetKey();
        const message = error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? 'The server does not accept this key.' : errorText(error);
        setPhase({ name: 'prompt', error: message });
      },
    );
  }, []);

  useEffect(() => {
    if (phase.name === 'checking') check(phase.key);
    // Only the key found in storage at load is checked here; the prompt checks the others.
  }, []);

  const signOut = useCallback((reason?: string) => {
    forgetKey();
    setPhase({ name: 'prompt', ...(reason ? { error: reason } : {}) });
  }, []);

  switch (phase.name) {
    case 'prompt':
      return <KeyPrompt error={phase.error} busy={false} onSubmit={check} />;
    case 'checking':
      return <KeyPrompt error={undefined} busy={true} onSubmit={check} />;
    case 'ready':
      return <SignedIn key={phase.key} apiKey={phase.key} me={phase.me} onSignOut={signOut} />;
  }
}

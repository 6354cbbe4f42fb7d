import { hrefs, type Route } from '../hooks/use-hash-route';
import { useConnectionState } from '../hooks/use-connection-state';
import { useSession } from '../session/session-context';

const LIVE_LABEL = { connecting: 'Connecting', connected: 'Live', reconnecting: 'Offline' } as const;

/** Brand, navigation, the live indicator and who is signed in. */
export function TopBar({ route }: { route: Route }) {
  const { me, signOut } = useSession();
  const state = useConnectionState();
  const section = route.view === 'agent' ? 'agents' : route.view === 'run' ? 'workflows' : route.view;
  return (
    <header className="top-bar">
      <a className="brand" href={hrefs.agents()}>
        <span className="brand-mark" aria-hidden="true">
          V
        </span>
        Velocity
      </a>
      <nav className="top-nav" aria-label="Sections">
        <a href={hrefs.agents()} aria-current={section === 'agents' ? 'page' : undefined}>
          Agents
        </a>
        <a href={hrefs.workflows()} aria-current={section === 'workflows' ? 'page' : undefined}>
          Workflows
        </a>
        <a href="/graphql" target="_blank" rel="noreferrer">
          GraphiQL
        </a>
      </nav>
      <span className={`live-dot live-${state}`} data-testid="live-state" data-state={state}>
        {LIVE_LABEL[state]}
      </span>
      <span className="who" data-testid="me">
        {me.name} <span className="role-tag">{me.role}</span>
      </span>
      <button type="button" className="button-quiet" onClick={signOut}>
        Sign out
      </button>
    </header>
  );
}

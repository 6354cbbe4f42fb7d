import { useEffect, useMemo } from 'react';
import { HttpClient } from '../api/http-client';
import { LiveClient } from '../api/live-client';
import type { Viewer } from '../api/types';
import { AgentView } from '../agent/agent-view';
import { AgentsView } from '../agents/agents-view';
import { useHashRoute, type Route } from '../hooks/use-hash-route';
import { OverviewBar } from '../overview/overview-bar';
import { abilitiesOf } from '../session/roles';
import { SessionContext, type Session } from '../session/session-context';
import { RunView } from '../workflows/run-view';
import { WorkflowsView } from '../workflows/workflows-view';
import { ConnectionBanner } from './connection-banner';
import { TopBar } from './top-bar';

function liveUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

function RouteView({ route }: { route: Route }) {
  switch (route.view) {
    case 'agents':
      return <AgentsView />;
    case 'agent':
      return <AgentView key={route.id} agentId={route.id} />;
    case 'workflows':
      return <WorkflowsView selectedId={route.id} />;
    case 'run':
      return <RunView key={route.id} runId={route.id} />;
  }
}

/** The dashboard for one accepted key: its HTTP and live clients, the chrome, the current view. */
export function SignedIn({ apiKey, me, onSignOut }: { apiKey: string; me: Viewer; onSignOut(reason?: string): void }) {
  const session = useMemo<Session>(
    () => ({
      me,
      can: abilitiesOf(me.role),
      http: new HttpClient(apiKey, () => onSignOut('The server no longer accepts this key.')),
      live: new LiveClient(liveUrl(), apiKey),
      signOut: () => onSignOut(),
    }),
    [apiKey, me, onSignOut],
  );
  useEffect(() => () => session.live.dispose(), [session]);
  const route = useHashRoute();
  return (
    <SessionContext.Provider value={session}>
      <div className="app">
        <TopBar route={route} />
        <ConnectionBanner />
        <OverviewBar />
        <main className="content">
          <RouteView route={route} />
        </main>
      </div>
    </SessionContext.Provider>
  );
}

import { useEffect, useState } from 'react';

/** The dashboard's views, addressed by the URL's hash so the server only ever serves `/`. */
export type Route =
  | { view: 'agents' }
  | { view: 'agent'; id: string }
  | { view: 'workflows'; id: string | null }
  | { view: 'run'; id: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'agents' && parts[1]) return { view: 'agent', id: parts[1] };
  if (parts[0] === 'workflows') return { view: 'workflows', id: parts[1] ?? null };
  if (parts[0] === 'runs' && parts[1]) return { view: 'run', id: parts[1] };
  return { view: 'agents' };
}

export const hrefs = {
  agents: (): string => '#/agents',
  agent: (id: string): string => `#/agents/${encodeURIComponent(id)}`,
  workflows: (id?: string): string => (id ? `#/workflows/${encodeURIComponent(id)}` : '#/workflows'),
  run: (id: string): string => `#/runs/${encodeURIComponent(id)}`,
};

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

// Browser entry of the GraphiQL page that Velocity serves itself at /graphiql/.
// scripts/build-graphiql.mjs bundles it, with all CSS and fonts, so the page
// needs no network access beyond our own server.
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient, type Client } from 'graphql-ws';
import { createRoot } from 'react-dom/client';
import 'graphiql/graphiql.css';
import './page.css';

const HTTP_URL = `${location.origin}/graphql`;
const WS_URL = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

// Shown until the user has pasted a key (GraphiQL then keeps their text).
const DEFAULT_HEADERS = '{"Authorization": "Bearer <paste your API key>"}';
const DEFAULT_QUERY = 'query Me {\n  me {\n    name\n    role\n  }\n}\n';

// HTTP header names are case-insensitive, so the editor may say "authorization".
function authorizationOf(headers: unknown): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return undefined;
}

// Fallback for when GraphiQL passes no headers: its persisted editor text.
// Parsed leniently because the text is whatever the user last typed.
function storedAuthorization(): string | undefined {
  let text: string | null;
  try {
    text = localStorage.getItem('graphiql:headers');
  } catch {
    return undefined; // storage disabled by the browser
  }
  if (!text) return undefined;
  try {
    return authorizationOf(JSON.parse(text));
  } catch {
    return /"authorization"\s*:\s*"([^"]*)"/i.exec(text)?.[1];
  }
}

// The server reads the key from connection_init, which is sent once per socket,
// so a changed key needs a new socket. Keep one ws client per key and replace
// it when the key in the headers editor changes. Cheap: graphql-ws clients are
// lazy and only open a socket when a subscription starts.
let current: { auth: string | undefined; client: Client; fetcher: Fetcher } | undefined;

const fetcher: Fetcher = (params, opts) => {
  const auth = authorizationOf(opts?.headers) ?? storedAuthorization();
  if (!current || current.auth !== auth) {
    current?.client.dispose();
    const client = createClient({
      url: WS_URL,
      connectionParams: () => (auth ? { authorization: auth } : {}),
    });
    current = { auth, client, fetcher: createGraphiQLFetcher({ url: HTTP_URL, wsClient: client }) };
  }
  // The toolkit adds the editor's headers to HTTP requests itself.
  return current.fetcher(params, opts);
};

createRoot(document.getElementById('root')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={DEFAULT_QUERY}
    defaultHeaders={DEFAULT_HEADERS}
    // Open the headers pane: nothing works until a key is pasted there.
    defaultEditorToolsVisibility="headers"
    // Keep the pasted key across reloads (stored as graphiql:headers).
    shouldPersistHeaders
  />,
);

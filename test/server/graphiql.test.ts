import { errorCode } from '../support/graphql-client';
import { externalReferences, loadGraphiqlPage, remoteLoadsIn } from '../support/graphiql-page';
import { startTestServer, type TestServer } from '../support/test-server';

const INTROSPECTION = `{ __schema { queryType { name } } }`;

describe('GraphiQL served by the server itself', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the page to a browser with only local scripts and stylesheets, under a same-origin CSP', async () => {
    const page = await loadGraphiqlPage(server.url);
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.html).toContain('<div id="root">');
    expect(externalReferences(page)).toEqual([]);
    expect(page.references).toEqual(expect.arrayContaining(['/graphiql/graphiql.css', '/graphiql/graphiql.js']));
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('content-security-policy')).not.toMatch(/https?:/);
  });

  it('serves the bundle it references, with the right types and no remote loads inside', async () => {
    const page = await loadGraphiqlPage(server.url);
    const types = Object.fromEntries(page.assets.map((asset) => [asset.path, asset.contentType]));
    expect(types).toEqual({ '/graphiql/graphiql.css': 'text/css; charset=utf-8', '/graphiql/graphiql.js': 'text/javascript; charset=utf-8' });
    for (const asset of page.assets) {
      expect(asset.status).toBe(200);
      expect(remoteLoadsIn(asset.body)).toEqual([]);
    }
    // The fonts are inlined, not fetched.
    const css = page.assets.find((asset) => asset.path.endsWith('.css'))!.body;
    expect(css).not.toMatch(/@import/);
  });

  it('speaks graphql-ws at the same path from the page', async () => {
    const js = (await loadGraphiqlPage(server.url)).assets.find((asset) => asset.path.endsWith('.js'))!.body;
    expect(js).toContain('graphql-transport-ws');
  });

  it('refuses paths outside the bundle', async () => {
    for (const path of ['/graphiql/../package.json', '/graphiql/%2e%2e/%2e%2e/package.json', '/graphiql/nope.js', '/graphiql/index.ts']) {
      expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it('answers GraphQL, not the page, to a client that does not ask for HTML', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ me { name } }')}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${server.adminKey}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { name: 'admin' } } });
  });

  it('answers introspection to a key holder (GraphiQL needs it)', async () => {
    expect(await server.admin.data(INTROSPECTION)).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('with GRAPHIQL=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { GRAPHIQL: 'false' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves neither the page nor the bundle', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await fetch(`${server.url}/graphiql/graphiql.js`)).status).toBe(404);
  });

  it('refuses introspection even to a key holder, while queries work', async () => {
    expect(errorCode(await server.admin.request(INTROSPECTION))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await server.admin.data(`{ me { name } }`)).toEqual({ me: { name: 'admin' } });
  });
});

import { readFileSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { Socket } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Services } from '../services';
import { correlationIdFrom } from './correlation-id';
import { GraphQLHttpHandler } from './graphql-http';
import { attachGraphQLWebSocket } from './graphql-ws';
import { sendJson, sendText } from './http-io';
import { ServerMetrics } from './metrics';
import { checkReadiness, type Pingable } from './readiness';
import { DASHBOARD_CSP, GRAPHIQL_CSP, StaticAssets } from './static-assets';

export interface HttpServerOptions {
  services: Services;
  schema: GraphQLSchema;
  /** Folder of the built GraphiQL page (dist/graphiql). */
  graphiqlRoot: string;
  /** Folder of the built dashboard (dist/dashboard), served at / and /dashboard/. */
  dashboardRoot: string;
  /** Dependencies besides PostgreSQL that /readyz checks. */
  readinessChecks: readonly Pingable[];
}

/** WebSocket close code telling clients the server is restarting and they should reconnect. */
export const RESTART_CLOSE_CODE = 1012;

/** What / answers while the dashboard is not built: the API itself works without it. */
const DASHBOARD_NOT_BUILT =
  'The Velocity dashboard is not built. Build it with `npm run build` (or `node scripts/build-dashboard.mjs`) and restart the server.\n' +
  'The GraphQL API is served at /graphql either way.\n';

/** One HTTP(S) server: GraphQL over HTTP and WebSocket on /graphql, the dashboard at /, GraphiQL, health, readiness, metrics. */
export class VelocityHttpServer {
  readonly server: Server;
  readonly metrics: ServerMetrics;
  private readonly graphql: GraphQLHttpHandler;
  private readonly wsServer: WebSocketServer;
  private readonly graphiql: StaticAssets;
  private readonly dashboard: StaticAssets;
  private ws: { dispose(): Promise<void> } | undefined;
  private readonly sockets = new Set<Socket>();
  private draining = false;

  constructor(private readonly options: HttpServerOptions) {
    const { services } = options;
    this.metrics = new ServerMetrics(services.dataSource);
    this.graphql = new GraphQLHttpHandler(options.schema, services);
    this.graphiql = new StaticAssets(options.graphiqlRoot, { csp: GRAPHIQL_CSP, notBuilt: 'GraphiQL is not built: run npm run build' });
    this.dashboard = new StaticAssets(options.dashboardRoot, { csp: DASHBOARD_CSP, notBuilt: DASHBOARD_NOT_BUILT });
    const handler = (request: IncomingMessage, response: ServerResponse): void => {
      void this.route(request, response);
    };
    const { tlsCertFile, tlsKeyFile } = services.config;
    this.server =
      tlsCertFile !== undefined && tlsKeyFile !== undefined
        ? createHttps({ cert: readFileSync(tlsCertFile), key: readFileSync(tlsKeyFile) }, handler)
        : createHttp(handler);
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.wsServer = new WebSocketServer({ noServer: true, maxPayload: services.config.maxBodyBytes });
    this.server.on('upgrade', (request, socket, head) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== '/graphql' || this.draining) {
        socket.destroy();
        return;
      }
      this.wsServer.handleUpgrade(request, socket, head, (client) => this.wsServer.emit('connection', client, request));
    });
  }

  async listen(port: number, host: string): Promise<{ port: number; url: string }> {
    await this.graphql.start();
    this.ws = attachGraphQLWebSocket(this.wsServer, this.options.schema, this.options.services);
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    const boundPort = typeof address === 'object' && address !== null ? address.port : port;
    const scheme = this.options.services.config.tlsCertFile ? 'https' : 'http';
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { port: boundPort, url: `${scheme}://${shownHost}:${boundPort}` };
  }

  /**
   * Graceful stop: refuse new connections, let in-flight HTTP requests finish (up to
   * `graceMs`), close WebSockets with a retryable code, then stop Apollo.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    for (const client of this.wsServer.clients) client.close(RESTART_CLOSE_CODE, 'server restarting');
    await this.ws?.dispose();
    await new Promise<void>((resolve) => this.wsServer.close(() => resolve()));
    const timer = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
    await this.graphql.stop();
  }

  /**
   * Cuts every WebSocket at once, without a close frame, as a network failure would (for
   * tests of clients' reconnect). Returns how many were cut.
   */
  dropWebSocketClients(): number {
    let count = 0;
    for (const client of this.wsServer.clients) {
      client.terminate();
      count++;
    }
    return count;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const correlationId = correlationIdFrom(request.headers['x-request-id']);
    response.setHeader('x-request-id', correlationId);
    if (this.draining) response.setHeader('connection', 'close');
    // The one hot target is taken as it is; anything else is parsed (and normalised) as a URL, once.
    const target = request.url ?? '/';
    const url = target === '/graphql' ? undefined : new URL(target, 'http://localhost');
    const path = url?.pathname ?? target;
    let route = 'other';
    try {
      if (path === '/graphql') {
        const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
        if (wantsPage && this.options.services.config.graphiql) {
          route = 'graphiql';
          this.graphiql.serveIndex(response);
        } else {
          route = 'graphql';
          await this.graphql.handle(request, response, correlationId, url?.search ?? '');
        }
      } else if (path.startsWith('/graphiql/') && request.method === 'GET' && this.options.services.config.graphiql) {
        route = 'graphiql';
        this.graphiql.serveAsset(response, path.slice('/graphiql/'.length));
      } else if (path === '/healthz') {
        route = 'healthz';
        sendJson(response, 200, { status: 'ok' });
      } else if (path === '/readyz') {
        route = 'readyz';
        const readiness = await checkReadiness(this.options.services.dataSource, this.options.readinessChecks);
        sendJson(response, readiness.ready && !this.draining ? 200 : 503, { status: readiness.ready && !this.draining ? 'ready' : 'not ready', ...readiness });
      } else if (path === '/metrics') {
        route = 'metrics';
        sendText(response, 200, await this.metrics.text(), this.metrics.registry.contentType);
      } else if (path === '/' && request.method === 'GET') {
        route = 'dashboard';
        if (this.dashboard.available) this.dashboard.serveIndex(response);
        else sendText(response, 503, DASHBOARD_NOT_BUILT);
      } else if (path.startsWith('/dashboard/') && request.method === 'GET') {
        route = 'dashboard';
        this.dashboard.serveAsset(response, path.slice('/dashboard/'.length));
      } else {
        sendText(response, 404, 'not found');
      }
    } catch (error: unknown) {
      this.options.services.logger.error({ err: error, correlationId, path }, 'request failed');
      if (!response.headersSent) {
        sendJson(response, 503, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } }] });
      } else {
        response.destroy();
      }
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe({ route, status: String(response.statusCode) }, seconds);
    }
  }
}

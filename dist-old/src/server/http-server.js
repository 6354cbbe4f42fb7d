"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VelocityHttpServer = exports.RESTART_CLOSE_CODE = void 0;
const node_fs_1 = require("node:fs");
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const ws_1 = require("ws");
const correlation_id_1 = require("./correlation-id");
const graphql_http_1 = require("./graphql-http");
const graphql_ws_1 = require("./graphql-ws");
const http_io_1 = require("./http-io");
const metrics_1 = require("./metrics");
const readiness_1 = require("./readiness");
const static_assets_1 = require("./static-assets");
/** WebSocket close code telling clients the server is restarting and they should reconnect. */
exports.RESTART_CLOSE_CODE = 1012;
/** What / answers while the dashboard is not built: the API itself works without it. */
const DASHBOARD_NOT_BUILT = 'The Velocity dashboard is not built. Build it with `npm run build` (or `node scripts/build-dashboard.mjs`) and restart the server.\n' +
    'The GraphQL API is served at /graphql either way.\n';
/** One HTTP(S) server: GraphQL over HTTP and WebSocket on /graphql, the dashboard at /, GraphiQL, health, readiness, metrics. */
class VelocityHttpServer {
    options;
    server;
    metrics;
    graphql;
    wsServer;
    graphiql;
    dashboard;
    ws;
    sockets = new Set();
    draining = false;
    constructor(options) {
        this.options = options;
        const { services } = options;
        this.metrics = new metrics_1.ServerMetrics(services.dataSource);
        this.graphql = new graphql_http_1.GraphQLHttpHandler(options.schema, services);
        this.graphiql = new static_assets_1.StaticAssets(options.graphiqlRoot, { csp: static_assets_1.GRAPHIQL_CSP, notBuilt: 'GraphiQL is not built: run npm run build' });
        this.dashboard = new static_assets_1.StaticAssets(options.dashboardRoot, { csp: static_assets_1.DASHBOARD_CSP, notBuilt: DASHBOARD_NOT_BUILT });
        const handler = (request, response) => {
            void this.route(request, response);
        };
        const { tlsCertFile, tlsKeyFile } = services.config;
        this.server =
            tlsCertFile !== undefined && tlsKeyFile !== undefined
                ? (0, node_https_1.createServer)({ cert: (0, node_fs_1.readFileSync)(tlsCertFile), key: (0, node_fs_1.readFileSync)(tlsKeyFile) }, handler)
                : (0, node_http_1.createServer)(handler);
        this.server.keepAliveTimeout = 65_000;
        this.server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.once('close', () => this.sockets.delete(socket));
        });
        this.wsServer = new ws_1.WebSocketServer({ noServer: true, maxPayload: services.config.maxBodyBytes });
        this.server.on('upgrade', (request, socket, head) => {
            const path = new URL(request.url ?? '/', 'http://localhost').pathname;
            if (path !== '/graphql' || this.draining) {
                socket.destroy();
                return;
            }
            this.wsServer.handleUpgrade(request, socket, head, (client) => this.wsServer.emit('connection', client, request));
        });
    }
    async listen(port, host) {
        await this.graphql.start();
        this.ws = (0, graphql_ws_1.attachGraphQLWebSocket)(this.wsServer, this.options.schema, this.options.services);
        await new Promise((resolve, reject) => {
            const onError = (error) => reject(error);
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
    async close(graceMs = 10_000) {
        this.draining = true;
        const closed = new Promise((resolve) => this.server.close(() => resolve()));
        this.server.closeIdleConnections();
        for (const client of this.wsServer.clients)
            client.close(exports.RESTART_CLOSE_CODE, 'server restarting');
        await this.ws?.dispose();
        await new Promise((resolve) => this.wsServer.close(() => resolve()));
        const timer = setTimeout(() => {
            for (const socket of this.sockets)
                socket.destroy();
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
    dropWebSocketClients() {
        let count = 0;
        for (const client of this.wsServer.clients) {
            client.terminate();
            count++;
        }
        return count;
    }
    async route(request, response) {
        const started = process.hrtime.bigint();
        const correlationId = (0, correlation_id_1.correlationIdFrom)(request.headers['x-request-id']);
        response.setHeader('x-request-id', correlationId);
        if (this.draining)
            response.setHeader('connection', 'close');
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        let route = 'other';
        try {
            if (path === '/graphql') {
                const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
                if (wantsPage && this.options.services.config.graphiql) {
                    route = 'graphiql';
                    this.graphiql.serveIndex(response);
                }
                else {
                    route = 'graphql';
                    await this.graphql.handle(request, response, correlationId);
                }
            }
            else if (path.startsWith('/graphiql/') && request.method === 'GET' && this.options.services.config.graphiql) {
                route = 'graphiql';
                this.graphiql.serveAsset(response, path.slice('/graphiql/'.length));
            }
            else if (path === '/healthz') {
                route = 'healthz';
                (0, http_io_1.sendJson)(response, 200, { status: 'ok' });
            }
            else if (path === '/readyz') {
                route = 'readyz';
                const readiness = await (0, readiness_1.checkReadiness)(this.options.services.dataSource, this.options.readinessChecks);
                (0, http_io_1.sendJson)(response, readiness.ready && !this.draining ? 200 : 503, { status: readiness.ready && !this.draining ? 'ready' : 'not ready', ...readiness });
            }
            else if (path === '/metrics') {
                route = 'metrics';
                (0, http_io_1.sendText)(response, 200, await this.metrics.text(), this.metrics.registry.contentType);
            }
            else if (path === '/' && request.method === 'GET') {
                route = 'dashboard';
                if (this.dashboard.available)
                    this.dashboard.serveIndex(response);
                else
                    (0, http_io_1.sendText)(response, 503, DASHBOARD_NOT_BUILT);
            }
            else if (path.startsWith('/dashboard/') && request.method === 'GET') {
                route = 'dashboard';
                this.dashboard.serveAsset(response, path.slice('/dashboard/'.length));
            }
            else {
                (0, http_io_1.sendText)(response, 404, 'not found');
            }
        }
        catch (error) {
            this.options.services.logger.error({ err: error, correlationId, path }, 'request failed');
            if (!response.headersSent) {
                (0, http_io_1.sendJson)(response, 503, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } }] });
            }
            else {
                response.destroy();
            }
        }
        finally {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            this.metrics.httpDuration.observe({ route, status: String(response.statusCode) }, seconds);
        }
    }
}
exports.VelocityHttpServer = VelocityHttpServer;
//# sourceMappingURL=http-server.js.map
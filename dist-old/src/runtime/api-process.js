"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.repositoryRoot = repositoryRoot;
exports.startApiProcess = startApiProcess;
const node_path_1 = require("node:path");
const config_1 = require("../config");
const logger_1 = require("../logging/logger");
const build_schema_1 = require("../schema/build-schema");
const http_server_1 = require("../server/http-server");
const services_1 = require("../services");
const admin_key_file_1 = require("../services/auth/admin-key-file");
const live_events_1 = require("../services/events/live-events");
const key_material_1 = require("../services/secrets/key-material");
const worker_process_1 = require("../worker/worker-process");
const database_1 = require("./database");
const redis_1 = require("./redis");
/** Repository root, from dist/src/runtime (compiled) or src/runtime (ts-jest). */
function repositoryRoot() {
    const here = __dirname;
    return here.includes(`${(0, node_path_1.join)('dist', 'src')}`) ? (0, node_path_1.join)(here, '..', '..', '..') : (0, node_path_1.join)(here, '..', '..');
}
/** Boots the API process: database (embedded or not), migrations, keys, services, HTTP + WebSocket. */
async function startApiProcess(config, options = {}) {
    const logger = options.logger ?? (0, logger_1.createLogger)(config.logLevel);
    const keys = (0, key_material_1.loadKeyMaterial)(config);
    const database = await (0, database_1.openDatabase)(config, logger, 'api');
    let redis;
    let http;
    let live;
    let worker;
    try {
        redis = config.redisUrl === undefined ? undefined : (0, redis_1.connectRedis)(config.redisUrl, logger, 'api');
        const services = (0, services_1.createServices)({ config, dataSource: database.dataSource, keys, logger, ...(redis === undefined ? {} : { redis }) });
        live = await (0, live_events_1.startLiveEvents)(services, database.url);
        const adminKey = (0, admin_key_file_1.resolveAdminKey)(config);
        await services.apiKeys.ensureAdminKey(services_1.SYSTEM_ACTOR, adminKey.secret);
        const schema = await (0, build_schema_1.buildVelocitySchema)();
        http = new http_server_1.VelocityHttpServer({
            services,
            schema,
            graphiqlRoot: options.graphiqlRoot ?? (0, node_path_1.join)(repositoryRoot(), 'dist', 'graphiql'),
            dashboardRoot: options.dashboardRoot ?? (0, node_path_1.join)(repositoryRoot(), 'dist', 'dashboard'),
            readinessChecks: redis === undefined ? [] : [(0, redis_1.redisReadiness)(redis)],
        });
        let bound;
        try {
            bound = await http.listen(config.port, config.host);
        }
        catch (error) {
            const code = error.code;
            if (code === 'EADDRINUSE')
                throw new config_1.ConfigError('PORT', `port ${config.port} on ${config.host} is already in use`);
            if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
                throw new config_1.ConfigError('HOST', `cannot bind to ${config.host}`);
            if (code === 'EACCES')
                throw new config_1.ConfigError('PORT', `no permission to bind port ${config.port}`);
            throw error;
        }
        if (config.runWorker)
            worker = await (0, worker_process_1.startWorker)(services, { databaseUrl: database.url, concurrency: config.workerConcurrency });
        const server = http;
        const liveEvents = live;
        const redisClient = redis;
        const inProcessWorker = worker;
        let closing;
        return {
            url: bound.url,
            port: bound.port,
            adminKey,
            services,
            http: server,
            worker: inProcessWorker,
            close() {
                closing ??= (async () => {
                    await server.close();
                    await liveEvents.stop();
                    await inProcessWorker?.stop();
                    redisClient?.disconnect();
                    await database.close();
                })();
                return closing;
            },
        };
    }
    catch (error) {
        await worker?.stop().catch(() => undefined);
        await http?.close().catch(() => undefined);
        await live?.stop().catch(() => undefined);
        redis?.disconnect();
        await database.close().catch(() => undefined);
        throw error;
    }
}
//# sourceMappingURL=api-process.js.map
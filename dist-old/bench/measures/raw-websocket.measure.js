"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.measureRawWebSocketFanout = measureRawWebSocketFanout;
const node_child_process_1 = require("node:child_process");
const ws_1 = __importStar(require("ws"));
const graphql_http_1 = require("../graphql-http");
/** Absolute time in ms with sub-ms precision, comparable across processes. */
const nowMs = () => performance.timeOrigin + performance.now();
/**
 * The floor of live delivery on this machine: a bare ws server in a process of its own
 * broadcasting a graphql-ws-sized message to `subscribers` sockets of this process,
 * `broadcasts` times, `intervalMs` apart; latency from the start of each broadcast to each
 * receipt. No GraphQL, no database: what any server written on ws could do at best.
 */
async function measureRawWebSocketFanout(subscribers, broadcasts, intervalMs) {
    const server = (0, node_child_process_1.fork)(__filename, ['--raw-ws-server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
        const port = await new Promise((resolve) => server.once('message', (message) => resolve(message.port)));
        const latencies = [];
        const sockets = [];
        await Promise.all(Array.from({ length: subscribers }, () => {
            const socket = new ws_1.default(`ws://127.0.0.1:${port}`);
            sockets.push(socket);
            socket.on('message', (data) => {
                const sentAt = JSON.parse(data.toString()).payload.sentAt;
                latencies.push(nowMs() - sentAt);
            });
            return new Promise((resolve) => socket.once('open', resolve));
        }));
        for (let n = 0; n < broadcasts; n += 1) {
            server.send('broadcast');
            await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
        const deadline = Date.now() + 10_000;
        while (latencies.length < subscribers * broadcasts && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 20));
        for (const socket of sockets)
            socket.terminate();
        return { subscribers, broadcasts, p50Ms: (0, graphql_http_1.percentile)(latencies, 50), p99Ms: (0, graphql_http_1.percentile)(latencies, 99) };
    }
    finally {
        server.kill();
    }
}
function serve() {
    const wss = new ws_1.WebSocketServer({ port: 0, host: '127.0.0.1' }, () => {
        process.send({ port: wss.address().port });
    });
    process.on('message', () => {
        const message = JSON.stringify({ id: 'a0b1c2d3-0000-4000-8000-000000000000', type: 'next', payload: { sentAt: nowMs(), data: { taskUpdated: { id: 'a0b1c2d3-0000-4000-8000-000000000001', status: 'QUEUED' } } } });
        for (const client of wss.clients)
            client.send(message);
    });
    process.on('disconnect', () => process.exit(0));
}
if (process.argv.includes('--raw-ws-server'))
    serve();
//# sourceMappingURL=raw-websocket.measure.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freePort = freePort;
const node_net_1 = require("node:net");
/** A local port nothing listens on right now (listen on 0, read it, close). */
function freePort() {
    return new Promise((resolve, reject) => {
        const probe = (0, node_net_1.createServer)();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            const port = typeof address === 'object' && address !== null ? address.port : 0;
            probe.close(() => resolve(port));
        });
    });
}
//# sourceMappingURL=free-port.js.map
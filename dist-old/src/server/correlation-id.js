"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.correlationIdFrom = correlationIdFrom;
const node_crypto_1 = require("node:crypto");
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;
/** The client's x-request-id when it is a sane token, else a fresh one; never trusted as anything but a label. */
function correlationIdFrom(header) {
    const value = Array.isArray(header) ? header[0] : header;
    return value !== undefined && ACCEPTABLE.test(value) ? value : (0, node_crypto_1.randomUUID)();
}
//# sourceMappingURL=correlation-id.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.httpCheckTask = void 0;
/** Default timeout of one check, in ms. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** A real HTTP GET of the payload's url (else the agent's): { status, ms, ok }. */
exports.httpCheckTask = {
    description: 'HTTP GET of url (payload, else the agent config): result { status, ms, ok }.',
    payloadSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
            url: { type: 'string', format: 'uri', maxLength: 2048 },
            expectStatus: { type: 'integer', minimum: 100, maximum: 599 },
            timeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
        },
    },
    async handle({ payload, config, signal, log }) {
        const { url = config.url, expectStatus, timeoutMs = DEFAULT_TIMEOUT_MS } = (payload ?? {});
        if (url === undefined)
            throw new Error('http.check needs a url: give one in the payload or the agent config');
        const started = performance.now();
        const response = await fetch(url, { method: 'GET', redirect: 'follow', signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
        // The body is read so the connection is released; its content is not kept.
        await response.arrayBuffer();
        const ms = Math.round(performance.now() - started);
        const ok = expectStatus === undefined ? response.ok : response.status === expectStatus;
        await log.log(ok ? 'INFO' : 'WARN', `GET ${new URL(url).origin} answered ${response.status} in ${ms} ms`);
        return { status: response.status, ms, ok };
    },
};
//# sourceMappingURL=http-check.task.js.map
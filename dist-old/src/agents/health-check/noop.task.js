"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.noopTask = void 0;
const abortable_sleep_1 = require("../abortable-sleep");
/** Sleeps, fails its first `failTimes` attempts, then succeeds with { output, attempt }. */
exports.noopTask = {
    description: 'Sleeps sleepMs, fails the first failTimes attempts, then returns { output, attempt }.',
    payloadSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
            sleepMs: { type: 'integer', minimum: 0, maximum: 86_400_000 },
            failTimes: { type: 'integer', minimum: 0, maximum: 1000 },
            output: {},
        },
    },
    async handle({ payload, attempt, signal }) {
        const { sleepMs = 0, failTimes = 0, output = null } = (payload ?? {});
        if (sleepMs > 0)
            await (0, abortable_sleep_1.abortableSleep)(sleepMs, signal);
        if (attempt <= failTimes)
            throw new Error(`noop failing attempt ${attempt} of ${failTimes} on purpose`);
        return { output, attempt };
    },
};
//# sourceMappingURL=noop.task.js.map
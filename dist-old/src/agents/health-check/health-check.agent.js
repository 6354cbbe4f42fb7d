"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.healthCheckAgent = void 0;
const http_check_task_1 = require("./http-check.task");
const noop_task_1 = require("./noop.task");
exports.healthCheckAgent = {
    key: 'health-check',
    description: 'Checks that things answer: a no-op task for testing the pipeline and a real HTTP GET check.',
    configSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
            url: { type: 'string', format: 'uri', maxLength: 2048, description: 'Default URL for http.check' },
        },
    },
    taskTypes: {
        noop: noop_task_1.noopTask,
        'http.check': http_check_task_1.httpCheckTask,
    },
};
//# sourceMappingURL=health-check.agent.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.awsGuardDutyAgent = void 0;
const collect_findings_task_1 = require("./collect-findings.task");
const detector_status_task_1 = require("./detector-status.task");
const guardduty_api_1 = require("./guardduty-api");
/**
 * Collects AWS GuardDuty detector state and findings as signed evidence, through the real
 * AWS SDK. `endpoint` points it at another GuardDuty-compatible endpoint.
 */
exports.awsGuardDutyAgent = {
    key: 'aws-guardduty',
    description: 'AWS GuardDuty evidence collector: detector status and findings, recorded in the signed evidence chain.',
    configSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['region', 'accessKeyId', 'secretAccessKey'],
        properties: {
            region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$', maxLength: 32, description: 'AWS region, e.g. us-east-1' },
            accessKeyId: { type: 'string', pattern: '^[A-Za-z0-9]+$', minLength: 16, maxLength: 128, description: 'AWS access key id' },
            secretAccessKey: { type: 'string', minLength: 1, maxLength: 1024, 'x-secret': true, description: 'AWS secret access key (encrypted at rest)' },
            sessionToken: { type: 'string', minLength: 1, maxLength: 8192, 'x-secret': true, description: 'AWS session token for temporary credentials (encrypted at rest)' },
            endpoint: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048, description: 'Another GuardDuty-compatible endpoint' },
        },
    },
    taskTypes: {
        'guardduty.detector-status': detector_status_task_1.detectorStatusTask,
        'guardduty.collect-findings': collect_findings_task_1.collectFindingsTask,
    },
    /** Checks the credentials with one ListDetectors call; the thrown message names the AWS error code. */
    async start({ config, signal, log }) {
        await (0, guardduty_api_1.withGuardDutyApi)(config, signal, (api) => api.checkAccess());
        await log.log('INFO', `GuardDuty credentials accepted in ${config.region}${config.endpoint ? ` (endpoint ${new URL(config.endpoint).origin})` : ''}`);
    },
};
//# sourceMappingURL=aws-guardduty.agent.js.map
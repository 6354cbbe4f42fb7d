"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STEP_ID_PATTERN = exports.WORKFLOW_NAME_PATTERN = exports.MAX_NAME_LENGTH = exports.MAX_STEPS = exports.PRIORITY_RANGE = exports.TIMEOUT_SECONDS_RANGE = exports.MAX_ATTEMPTS_RANGE = exports.STEP_DEFAULTS = exports.ON_FAILURE_POLICIES = void 0;
/** What a step does when its task ends FAILED (or CANCELLED outside cancelWorkflowRun). */
exports.ON_FAILURE_POLICIES = ['fail', 'continue'];
/** Defaults of optional step fields. */
exports.STEP_DEFAULTS = Object.freeze({ maxAttempts: 3, onFailure: 'fail', priority: 0 });
exports.MAX_ATTEMPTS_RANGE = Object.freeze({ min: 1, max: 20 });
exports.TIMEOUT_SECONDS_RANGE = Object.freeze({ min: 1, max: 86_400 });
exports.PRIORITY_RANGE = Object.freeze({ min: -1_000, max: 1_000 });
/** Most steps one workflow may have. */
exports.MAX_STEPS = 200;
/** Longest workflow name, in characters. */
exports.MAX_NAME_LENGTH = 100;
exports.WORKFLOW_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;
/** Step ids are template path segments too, so no '.'. */
exports.STEP_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
//# sourceMappingURL=workflow-definition.js.map
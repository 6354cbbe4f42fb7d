"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkCron = checkCron;
exports.nextFireTime = nextFireTime;
const cron_parser_1 = require("cron-parser");
const domain_error_1 = require("../errors/domain-error");
/** Parses a five-field UTC cron expression; throws BAD_USER_INPUT naming the field otherwise. */
function checkCron(expression, path = 'input.cron') {
    const trimmed = expression.trim();
    if (trimmed.split(/\s+/).length !== 5)
        throw (0, domain_error_1.badInput)('cron must have five fields (minute hour day-of-month month day-of-week), in UTC', path);
    try {
        cron_parser_1.CronExpressionParser.parse(trimmed, { tz: 'UTC', strict: false });
    }
    catch (error) {
        throw (0, domain_error_1.badInput)(`cron is not valid: ${error instanceof Error ? error.message : String(error)}`, path);
    }
    return trimmed;
}
/** The first fire time strictly after `after`. */
function nextFireTime(expression, after) {
    return cron_parser_1.CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: after }).next().toDate();
}
//# sourceMappingURL=cron.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUuid = isUuid;
exports.checkUuid = checkUuid;
const domain_error_1 = require("../errors/domain-error");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value) {
    return UUID.test(value);
}
/** Checks an ID argument before it reaches SQL, so a malformed one is BAD_USER_INPUT, not a database error. */
function checkUuid(value, path) {
    if (!isUuid(value))
        throw (0, domain_error_1.badInput)(`${path} is not a valid id`, path);
    return value.toLowerCase();
}
//# sourceMappingURL=ids.js.map
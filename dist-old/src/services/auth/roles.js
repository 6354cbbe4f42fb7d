"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROLES = void 0;
exports.roleAtLeast = roleAtLeast;
exports.isRole = isRole;
exports.ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'];
/** Roles are ordered: each includes every right of the ones below it. */
function roleAtLeast(role, required) {
    return exports.ROLES.indexOf(role) >= exports.ROLES.indexOf(required);
}
function isRole(value) {
    return exports.ROLES.includes(value);
}
//# sourceMappingURL=roles.js.map
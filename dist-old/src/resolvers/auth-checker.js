"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.authChecker = void 0;
const services_1 = require("../services");
const roles_1 = require("../services/auth/roles");
/**
 * The one auth checker: no valid key → UNAUTHENTICATED; a key whose role is below the
 * field's → FORBIDDEN. `@Authorized()` with no role means any valid key (VIEWER and up).
 */
const authChecker = ({ context }, roles) => {
    if (context.principal === null)
        throw new services_1.DomainError('UNAUTHENTICATED', 'an API key is required: send "Authorization: Bearer <key>"');
    const required = roles.length === 0 ? 'VIEWER' : roles.reduce((lowest, role) => ((0, roles_1.roleAtLeast)(lowest, role) ? role : lowest), roles[0]);
    if (!(0, roles_1.roleAtLeast)(context.principal.role, required)) {
        throw new services_1.DomainError('FORBIDDEN', `this needs the ${required} role; the key "${context.principal.name}" has ${context.principal.role}`);
    }
    return true;
};
exports.authChecker = authChecker;
//# sourceMappingURL=auth-checker.js.map
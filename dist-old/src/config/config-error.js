"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = void 0;
/** A configuration problem: names the variable so the operator knows what to fix. */
class ConfigError extends Error {
    variable;
    problem;
    constructor(variable, problem) {
        super(`${variable}: ${problem}`);
        this.variable = variable;
        this.problem = problem;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
//# sourceMappingURL=config-error.js.map
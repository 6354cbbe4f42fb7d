"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
const pino_1 = __importDefault(require("pino"));
/**
 * Structured JSON logs. Known secret-bearing fields are redacted wherever they appear,
 * as a second line of defence: code never logs configs or keys on purpose.
 */
function createLogger(level, name = 'velocity', destination) {
    const options = {
        name,
        level,
        redact: {
            paths: [
                'authorization',
                '*.authorization',
                'headers.authorization',
                'req.headers.authorization',
                'config',
                '*.config',
                'secret',
                '*.secret',
                'secretAccessKey',
                '*.secretAccessKey',
                'sessionToken',
                '*.sessionToken',
                'variables',
                '*.variables',
            ],
            censor: '[redacted]',
        },
    };
    return destination === undefined ? (0, pino_1.default)(options) : (0, pino_1.default)(options, destination);
}
//# sourceMappingURL=logger.js.map
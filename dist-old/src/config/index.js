"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadConfig = exports.ConfigError = void 0;
var config_error_1 = require("./config-error");
Object.defineProperty(exports, "ConfigError", { enumerable: true, get: function () { return config_error_1.ConfigError; } });
var config_1 = require("./config");
Object.defineProperty(exports, "loadConfig", { enumerable: true, get: function () { return config_1.loadConfig; } });
//# sourceMappingURL=index.js.map
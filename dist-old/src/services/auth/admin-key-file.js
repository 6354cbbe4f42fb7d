"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveAdminKey = resolveAdminKey;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const key_material_1 = require("../secrets/key-material");
const api_key_secret_1 = require("./api-key-secret");
/** ADMIN_API_KEY, or the key generated on first boot into DATA_DIR/admin-api-key (mode 0600). */
function resolveAdminKey(config) {
    if (config.adminApiKey !== undefined)
        return { secret: config.adminApiKey, generated: false, path: null };
    const path = (0, node_path_1.join)(config.dataDir, 'admin-api-key');
    if ((0, node_fs_1.existsSync)(path))
        return { secret: (0, node_fs_1.readFileSync)(path, 'utf8').trim(), generated: false, path };
    const secret = (0, api_key_secret_1.generateApiKeySecret)();
    (0, key_material_1.writePrivateFile)(path, `${secret}\n`);
    return { secret, generated: true, path };
}
//# sourceMappingURL=admin-key-file.js.map
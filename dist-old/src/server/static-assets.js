"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StaticAssets = exports.DASHBOARD_CSP = exports.GRAPHIQL_CSP = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const http_io_1 = require("./http-io");
const CONTENT_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
};
/** Everything a built page loads comes from this server; WebSockets to the same host. GraphiQL's editor needs inline styles and blob workers. */
exports.GRAPHIQL_CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:";
/** The dashboard needs no inline style or script, no worker, no font; nothing may frame it. */
exports.DASHBOARD_CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/**
 * Serves one folder built by a script under scripts/ (dist/graphiql, dist/dashboard): html, js
 * and css only, nothing outside the folder, files cached in memory after the first read (the
 * build replaces them only between server runs).
 */
class StaticAssets {
    root;
    options;
    cache = new Map();
    constructor(root, options) {
        this.root = root;
        this.options = options;
    }
    get available() {
        return (0, node_fs_1.existsSync)((0, node_path_1.join)(this.root, 'index.html'));
    }
    serveIndex(response) {
        this.serve(response, 'index.html', 'no-cache');
    }
    /** `name` is the path below the folder's URL prefix; anything outside the folder is 404. */
    serveAsset(response, name) {
        // The build keeps fixed file names, so a browser revalidates rather than trusting a stale copy for long.
        this.serve(response, name, 'public, max-age=60, must-revalidate');
    }
    serve(response, name, cacheControl) {
        const relative = (0, node_path_1.normalize)(name).replace(/^([/\\])+/, '');
        const extension = relative.slice(relative.lastIndexOf('.'));
        const contentType = CONTENT_TYPES[extension];
        if (relative.startsWith('..') || contentType === undefined) {
            (0, http_io_1.sendText)(response, 404, 'not found');
            return;
        }
        let body = this.cache.get(relative);
        if (body === undefined) {
            const path = (0, node_path_1.join)(this.root, relative);
            if (!(0, node_fs_1.existsSync)(path)) {
                (0, http_io_1.sendText)(response, 404, this.available ? 'not found' : this.options.notBuilt);
                return;
            }
            body = (0, node_fs_1.readFileSync)(path);
            this.cache.set(relative, body);
        }
        response.writeHead(200, {
            'content-type': contentType,
            'content-length': body.length,
            'cache-control': cacheControl,
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
            'content-security-policy': this.options.csp,
        });
        response.end(body);
    }
}
exports.StaticAssets = StaticAssets;
//# sourceMappingURL=static-assets.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readBody = readBody;
exports.sendJson = sendJson;
exports.sendText = sendText;
/** Reads a request body up to `maxBytes`; past that it stops reading and reports too-large. */
function readBody(request, maxBytes) {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
        request.resume();
        return Promise.resolve({ kind: 'too-large' });
    }
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let done = false;
        request.on('data', (chunk) => {
            if (done)
                return;
            size += chunk.length;
            if (size > maxBytes) {
                done = true;
                resolve({ kind: 'too-large' });
                return;
            }
            chunks.push(chunk);
        });
        request.on('end', () => {
            if (!done)
                resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
        });
        request.on('error', (error) => {
            if (!done)
                reject(error);
        });
    });
}
function sendJson(response, status, body) {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(text);
}
function sendText(response, status, text, contentType = 'text/plain; charset=utf-8') {
    response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    response.end(text);
}
//# sourceMappingURL=http-io.js.map
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendText } from './http-io';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the GraphiQL bundle built by scripts/build-graphiql.mjs into dist/graphiql: nothing from a CDN. */
export class GraphiqlAssets {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly root: string) {}

  get available(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  serveIndex(response: ServerResponse): void {
    this.serve(response, 'index.html', 'no-cache');
  }

  /** `name` is the path below /graphiql/; anything outside the bundle folder is 404. */
  serveAsset(response: ServerResponse, name: string): void {
    this.serve(response, name, 'public, max-age=3600');
  }

  private serve(response: ServerResponse, name: string, cacheControl: string): void {
    const relative = normalize(name).replace(/^([/\\])+/, '');
    const extension = relative.slice(relative.lastIndexOf('.'));
    const contentType = CONTENT_TYPES[extension];
    if (relative.startsWith('..') || contentType === undefined) {
      sendText(response, 404, 'not found');
      return;
    }
    let body = this.cache.get(relative);
    if (body === undefined) {
      const path = join(this.root, relative);
      if (!existsSync(path)) {
        sendText(response, 404, this.available ? 'not found' : 'GraphiQL is not built: run npm run build');
        return;
      }
      body = readFileSync(path);
      this.cache.set(relative, body);
    }
    response.writeHead(200, {
      'content-type': contentType,
      'content-length': body.length,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      // Everything the page loads comes from this server; websockets to the same host.
      'content-security-policy': "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:",
    });
    response.end(body);
  }
}

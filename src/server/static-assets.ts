import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendText } from './http-io';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Everything a built page loads comes from this server; WebSockets to the same host. GraphiQL's editor needs inline styles and blob workers. */
export const GRAPHIQL_CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:";

/** The dashboard needs no inline style or script, no worker, no font; nothing may frame it. */
export const DASHBOARD_CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface StaticAssetsOptions {
  /** content-security-policy header of every file served. */
  csp: string;
  /** Body of the 404 for a missing file while the folder has no index.html, e.g. "GraphiQL is not built: run npm run build". */
  notBuilt: string;
}

/**
 * Serves one folder built by a script under scripts/ (dist/graphiql, dist/dashboard): html, js
 * and css only, nothing outside the folder, files cached in memory after the first read (the
 * build replaces them only between server runs).
 */
export class StaticAssets {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly root: string,
    private readonly options: StaticAssetsOptions,
  ) {}

  get available(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  serveIndex(response: ServerResponse): void {
    this.serve(response, 'index.html', 'no-cache');
  }

  /** `name` is the path below the folder's URL prefix; anything outside the folder is 404. */
  serveAsset(response: ServerResponse, name: string): void {
    // The build keeps fixed file names, so a browser revalidates rather than trusting a stale copy for long.
    this.serve(response, name, 'public, max-age=60, must-revalidate');
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
        sendText(response, 404, this.available ? 'not found' : this.options.notBuilt);
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
      'referrer-policy': 'no-referrer',
      'content-security-policy': this.options.csp,
    });
    response.end(body);
  }
}

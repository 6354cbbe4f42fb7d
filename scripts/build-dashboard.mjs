// Builds the live dashboard (web/dashboard, React) into dist/dashboard/:
//   dashboard.js, dashboard.css and index.html, served by the server at / and /dashboard/*.
// Usage, from anywhere: node scripts/build-dashboard.mjs [--force]
// Runs on every `npm run build`, so it does nothing (and prints nothing) when
// the bundle is already newer than its inputs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SCRIPT), '..');
const SRC_DIR = join(ROOT, 'web', 'dashboard');
const ENTRY = join(SRC_DIR, 'main.tsx');
const OUT_DIR = join(ROOT, 'dist', 'dashboard');
const OUT_JS = join(OUT_DIR, 'dashboard.js');
const OUT_CSS = join(OUT_DIR, 'dashboard.css');
const OUT_HTML = join(OUT_DIR, 'index.html');

// Only local, absolute paths: the page must work with no internet access. No inline
// script or style either: the server's CSP for the dashboard forbids them.
const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>Velocity</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/dashboard/dashboard.css">
    <script defer src="/dashboard/dashboard.js"></script>
  </head>
  <body>
    <div id="root"><noscript>The Velocity dashboard needs JavaScript. The GraphQL API is at /graphql.</noscript></div>
  </body>
</html>
`;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function isUpToDate() {
  if (![OUT_JS, OUT_CSS, OUT_HTML].every((file) => existsSync(file))) return false;
  const built = statSync(OUT_JS).mtimeMs;
  // The lockfile stands in for node_modules: upgrading react or uplot must rebuild.
  const lockfile = join(ROOT, 'package-lock.json');
  const inputs = [SCRIPT, ...filesUnder(SRC_DIR), ...(existsSync(lockfile) ? [lockfile] : [])];
  return inputs.every((file) => statSync(file).mtimeMs < built);
}

// A guard: nothing in the bundle's CSS may make the browser fetch from another host.
function externalUrlsIn(css) {
  return [...css.matchAll(/@import\s+(?:url\()?\s*['"]?(?:https?:)?\/\/[^;]*;|url\(\s*['"]?(?:https?:)?\/\/[^)]*\)/gi)].map((match) => match[0]);
}

async function build() {
  const started = Date.now();
  // Imported lazily so the up-to-date path stays fast.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: OUT_JS, // the imported CSS lands next to it as dashboard.css
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    write: false,
    logLevel: 'error',
  });

  const js = result.outputFiles.find((file) => file.path === OUT_JS);
  const css = result.outputFiles.find((file) => file.path === OUT_CSS);
  if (!js || !css) {
    throw new Error(`esbuild produced ${result.outputFiles.map((f) => relative(ROOT, f.path)).join(', ')}, expected dashboard.js and dashboard.css`);
  }
  const external = externalUrlsIn(css.text);
  if (external.length > 0) throw new Error(`the stylesheet loads from other hosts: ${external.join(', ')}`);

  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(OUT_CSS, css.contents);
  await writeFile(OUT_HTML, HTML);
  // Written last: its mtime is what marks the build as complete.
  await writeFile(OUT_JS, js.contents);

  const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
  console.log(`dashboard: built ${relative(ROOT, OUT_DIR)} (js ${kb(js.contents.length)}, css ${kb(css.contents.length)}) in ${Date.now() - started} ms`);
}

try {
  if (process.argv.includes('--force') || !isUpToDate()) await build();
} catch (error) {
  // esbuild has already printed its errors with source context; don't repeat them.
  const detail = error?.errors?.length ? 'see esbuild errors above' : error instanceof Error ? error.message : error;
  console.error(`dashboard: build failed: ${detail}`);
  process.exit(1);
}

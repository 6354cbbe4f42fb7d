// Builds the self-hosted GraphiQL page into dist/graphiql/:
//   graphiql.js, graphiql.css (fonts inlined) and index.html.
// Usage, from anywhere: node scripts/build-graphiql.mjs
// Runs on every `npm run build`, so it does nothing (and prints nothing) when
// the bundle is already newer than its inputs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SCRIPT), '..');
const SRC_DIR = join(ROOT, 'web', 'graphiql');
const ENTRY = join(SRC_DIR, 'main.tsx');
const OUT_DIR = join(ROOT, 'dist', 'graphiql');
const OUT_JS = join(OUT_DIR, 'graphiql.js');
const OUT_CSS = join(OUT_DIR, 'graphiql.css');
const OUT_HTML = join(OUT_DIR, 'index.html');

// Only local, absolute paths: the page must work with no internet access.
const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Velocity GraphiQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/graphiql/graphiql.css">
    <script defer src="/graphiql/graphiql.js"></script>
  </head>
  <body>
    <div id="root"></div>
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
  // The lockfile stands in for node_modules: upgrading graphiql must rebuild.
  const lockfile = join(ROOT, 'package-lock.json');
  const inputs = [SCRIPT, ...filesUnder(SRC_DIR), ...(existsSync(lockfile) ? [lockfile] : [])];
  return inputs.every((file) => statSync(file).mtimeMs < built);
}

// graphiql ships its fonts as data: URLs today; this guards against a future
// version that loads them (or anything else) from a CDN.
function neutraliseExternalUrls(css) {
  let count = 0;
  const out = css
    .replace(/@import\s+(?:url\()?\s*['"]?(?:https?:)?\/\/[^;]*;/gi, () => {
      count++;
      return '';
    })
    .replace(/url\(\s*(['"]?)(?:https?:)?\/\/[^)]*\)/gi, () => {
      count++;
      return 'url(data:,)';
    });
  return { css: out, count };
}

async function build() {
  const started = Date.now();
  // Imported lazily so the up-to-date path stays fast.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: OUT_JS, // the imported CSS lands next to it as graphiql.css
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Any asset a stylesheet references is inlined rather than fetched.
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    write: false,
    logLevel: 'error',
  });

  const js = result.outputFiles.find((file) => file.path === OUT_JS);
  const cssFile = result.outputFiles.find((file) => file.path === OUT_CSS);
  if (!js || !cssFile) {
    throw new Error(`esbuild produced ${result.outputFiles.map((f) => relative(ROOT, f.path)).join(', ')}, expected graphiql.js and graphiql.css`);
  }
  const { css, count } = neutraliseExternalUrls(cssFile.text);

  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(OUT_CSS, css);
  await writeFile(OUT_HTML, HTML);
  // Written last: its mtime is what marks the build as complete.
  await writeFile(OUT_JS, js.contents);

  const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
  const stripped = count ? `, ${count} external CSS URL(s) neutralised` : '';
  console.log(
    `graphiql: built ${relative(ROOT, OUT_DIR)} (js ${kb(js.contents.length)}, css ${kb(Buffer.byteLength(css))}${stripped}) in ${Date.now() - started} ms`,
  );
}

try {
  if (!isUpToDate()) await build();
} catch (error) {
  // esbuild has already printed its errors with source context; don't repeat them.
  const detail = error?.errors?.length ? 'see esbuild errors above' : error instanceof Error ? error.message : error;
  console.error(`graphiql: build failed: ${detail}`);
  process.exit(1);
}

// Builds one browser app of web/<name> into dist/<name>/ with esbuild: <name>.js, <name>.css
// and index.html, all served by the server itself (no CDN). Shared by build-graphiql.mjs and
// build-dashboard.mjs. Does nothing (and prints nothing) when the bundle is newer than its
// inputs, so it can run on every `npm run build`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** `@import` and `url()` loads from another host, which the page must never make. */
function externalUrlsIn(css) {
  return [...css.matchAll(/@import\s+(?:url\()?\s*['"]?(?:https?:)?\/\/[^;]*;|url\(\s*['"]?(?:https?:)?\/\/[^)]*\)/gi)].map((match) => match[0]);
}

/**
 * @param {object} app
 * @param {string} app.name          folder under web/ and dist/, and the asset names
 * @param {string} app.html          the index.html (only local, absolute asset paths)
 * @param {string[]} app.scripts     the calling build scripts (their change forces a rebuild)
 * @param {Record<string, string>} app.loader  extra esbuild loaders (assets are inlined)
 * @param {'neutralise' | 'refuse'} app.externalCss  what to do with external CSS loads
 */
export async function buildWebBundle(app) {
  const sourceDir = join(ROOT, 'web', app.name);
  const outDir = join(ROOT, 'dist', app.name);
  const outJs = join(outDir, `${app.name}.js`);
  const outCss = join(outDir, `${app.name}.css`);
  const outHtml = join(outDir, 'index.html');
  const upToDate = () => {
    if (![outJs, outCss, outHtml].every((file) => existsSync(file))) return false;
    const built = statSync(outJs).mtimeMs;
    // The lockfile stands in for node_modules: upgrading a library must rebuild.
    const lockfile = join(ROOT, 'package-lock.json');
    const inputs = [fileURLToPath(import.meta.url), ...app.scripts, ...filesUnder(sourceDir), ...(existsSync(lockfile) ? [lockfile] : [])];
    return inputs.every((file) => statSync(file).mtimeMs < built);
  };
  try {
    if (!process.argv.includes('--force') && upToDate()) return;
    const started = Date.now();
    // Imported lazily so the up-to-date path stays fast.
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [join(sourceDir, 'main.tsx')],
      outfile: outJs, // the imported CSS lands next to it
      bundle: true,
      minify: true,
      platform: 'browser',
      target: 'es2020',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: app.loader,
      write: false,
      logLevel: 'error',
    });
    const js = result.outputFiles.find((file) => file.path === outJs);
    const cssFile = result.outputFiles.find((file) => file.path === outCss);
    if (!js || !cssFile) throw new Error(`esbuild produced ${result.outputFiles.map((f) => relative(ROOT, f.path)).join(', ')}, expected ${app.name}.js and ${app.name}.css`);
    let css = cssFile.text;
    const external = externalUrlsIn(css);
    if (external.length > 0 && app.externalCss === 'refuse') throw new Error(`the stylesheet loads from other hosts: ${external.join(', ')}`);
    // A library's future version might load fonts from a CDN: such loads are dropped.
    for (const load of external) css = css.replace(load, load.startsWith('@import') ? '' : 'url(data:,)');
    await mkdir(outDir, { recursive: true });
    await writeFile(outCss, css);
    await writeFile(outHtml, app.html);
    // Written last: its mtime is what marks the build as complete.
    await writeFile(outJs, js.contents);
    const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
    const stripped = external.length > 0 ? `, ${external.length} external CSS URL(s) neutralised` : '';
    console.log(`${app.name}: built ${relative(ROOT, outDir)} (js ${kb(js.contents.length)}, css ${kb(Buffer.byteLength(css))}${stripped}) in ${Date.now() - started} ms`);
  } catch (error) {
    // esbuild has already printed its errors with source context; don't repeat them.
    const detail = error?.errors?.length ? 'see esbuild errors above' : error instanceof Error ? error.message : error;
    console.error(`${app.name}: build failed: ${detail}`);
    process.exit(1);
  }
}

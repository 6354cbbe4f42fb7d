// Builds the self-hosted GraphiQL page (web/graphiql) into dist/graphiql/: graphiql.js,
// graphiql.css (fonts inlined) and index.html. Usage, from anywhere: node scripts/build-graphiql.mjs [--force]
import { fileURLToPath } from 'node:url';
import { buildWebBundle } from './web-bundle.mjs';

await buildWebBundle({
  name: 'graphiql',
  scripts: [fileURLToPath(import.meta.url)],
  // Any asset a stylesheet references is inlined rather than fetched.
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  externalCss: 'neutralise',
  html: `<!doctype html>
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
`,
});

// Builds the live dashboard (web/dashboard, React) into dist/dashboard/: dashboard.js,
// dashboard.css and index.html, served by the server at / and /dashboard/*.
// Usage, from anywhere: node scripts/build-dashboard.mjs [--force]
import { fileURLToPath } from 'node:url';
import { buildWebBundle } from './web-bundle.mjs';

await buildWebBundle({
  name: 'dashboard',
  scripts: [fileURLToPath(import.meta.url)],
  loader: { '.svg': 'dataurl', '.png': 'dataurl' },
  // Our own stylesheets: an external load would be a bug to fix, not to paper over.
  externalCss: 'refuse',
  // Only local, absolute paths: the page must work with no internet access. No inline
  // script or style either: the server's CSP for the dashboard forbids them.
  html: `<!doctype html>
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
`,
});

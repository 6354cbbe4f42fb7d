// Stylesheets are imported for their side effect: esbuild bundles them into dashboard.css.
declare module '*.css';

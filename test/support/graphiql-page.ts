export interface GraphiqlPage {
  status: number;
  contentType: string;
  html: string;
  /** Every <script src> and <link href> of the page. */
  references: string[];
  /** Each referenced asset as the browser would fetch it from the same server. */
  assets: { path: string; status: number; contentType: string; body: string }[];
}

/** Loads, from a running server, what a browser opening /graphql would: the page and what it references. */
export async function loadGraphiqlPage(baseUrl: string): Promise<GraphiqlPage> {
  const response = await fetch(`${baseUrl}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
  const html = await response.text();
  const references = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"/gi)].map((match) => match[1]!);
  const assets = [];
  for (const path of references.filter((reference) => reference.startsWith('/'))) {
    const asset = await fetch(new URL(path, baseUrl));
    assets.push({ path, status: asset.status, contentType: asset.headers.get('content-type') ?? '', body: await asset.text() });
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', html, references, assets };
}

/** References that would make the browser go to another host (a CDN): any absolute or protocol-relative URL. */
export function externalReferences(page: GraphiqlPage): string[] {
  return page.references.filter((reference) => !reference.startsWith('data:') && !(reference.startsWith('/') && !reference.startsWith('//')));
}

/** Remote loads inside CSS or JS: `url(http...)`, `@import url(http...)`, `@import "http..."`. */
export function remoteLoadsIn(body: string): string[] {
  return [...body.matchAll(/url\(\s*['"]?(?:https?:)?\/\/[^)]*\)|@import\s+['"](?:https?:)?\/\/[^'"]*['"]/gi)].map((match) => match[0]);
}

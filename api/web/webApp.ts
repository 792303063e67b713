// Serves the web app under /app/: one HTML shell for every page path (the script picks the page), its
// bundled script and styles, and Mermaid for the SOP diagrams. The API stays the contract: the app
// only calls it, with the session cookie.
import express, { type Express, type Response } from 'express';
import { webBundle } from './webBundle';

export const WEB_BASE = '/app';

const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');

/** Only our own script runs; styles inline are allowed for the diagrams' SVG and the rack drawing. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function secured(res: Response): Response {
  return res
    .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    .set('X-Content-Type-Options', 'nosniff')
    .set('Referrer-Policy', 'no-referrer')
    .set('X-Frame-Options', 'DENY');
}

const shell = (version: string): string => `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kolokasi</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${WEB_BASE}/assets/app.css?v=${version}">
<script defer src="${WEB_BASE}/assets/app.js?v=${version}"></script>
</head>
<body>
<div id="app"><p style="padding:1rem">Memuat Kolokasi…</p></div>
<noscript>Kolokasi memerlukan JavaScript. Aktifkan JavaScript di peramban Anda.</noscript>
</body>
</html>
`;

const FOR_A_YEAR = 'public, max-age=31536000, immutable';

export function mountWebApp(app: Express): void {
  app.get('/', (_req, res) => res.redirect(302, `${WEB_BASE}/`));
  app.get(`${WEB_BASE}/assets/app.js`, async (_req, res) => {
    const { script } = await webBundle();
    secured(res).type('application/javascript; charset=utf-8').set('Cache-Control', FOR_A_YEAR).send(script);
  });
  app.get(`${WEB_BASE}/assets/app.css`, async (_req, res) => {
    const { styles } = await webBundle();
    secured(res).type('text/css; charset=utf-8').set('Cache-Control', FOR_A_YEAR).send(styles);
  });
  app.use(`${WEB_BASE}/vendor/mermaid.min.js`, express.static(mermaidScript, { immutable: true, maxAge: '365d' }));
  app.get(`${WEB_BASE}/{*page}`, async (_req, res) => {
    const { version } = await webBundle();
    secured(res).type('text/html; charset=utf-8').set('Cache-Control', 'no-cache').send(shell(version));
  });
}

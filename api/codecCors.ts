// Lets the Temporal Web UI, a page on another origin, call /codec from the browser: the preflight
// is answered here (before any authorisation, as browsers send it without credentials), and the
// answers carry the headers that let the UI read them, errors included.
import type { RequestHandler } from 'express';

export function codecCors(uiOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    if (uiOrigin && req.get('origin') === uiOrigin) {
      res.setHeader('Access-Control-Allow-Origin', uiOrigin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (uiOrigin && req.get('origin') === uiOrigin) {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}

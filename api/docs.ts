// /openapi.json and the interactive documentation at /docs.
import type express from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from './openapi';
import type { RouteSpec } from './route';

export function mountDocs(app: express.Express, routes: readonly RouteSpec[]): void {
  const document = buildOpenApiDocument(routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // swagger-ui-express's page has no meta viewport: a phone would lay it out 980px wide and zoom out.
  const html = swaggerUi.generateHTML(document, { customSiteTitle: 'Kolokasi API' }).replace('<meta charset="UTF-8">', '$&\n  <meta name="viewport" content="width=device-width, initial-scale=1">');
  app.use('/docs', swaggerUi.serve, (_req: express.Request, res: express.Response) => {
    res.send(html);
  });
}

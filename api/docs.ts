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
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Kolokasi API' }));
}

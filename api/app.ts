// The HTTP API: people's actions become workflow starts and Updates; reads come from the read model.
import express from 'express';
import { codecCors } from './codecCors';
import { mountDocs } from './docs';
import type { ApiDeps } from './deps';
import { errorHandler, unknownRoute } from './errors';
import { mountRoutes } from './route';
import { allRoutes } from './routes';
import { useIndonesianValidationMessages } from '../shared/zodLocale';
import { mountWebApp } from './web/webApp';

export type { ApiDeps } from './deps';

export function createApp(deps: ApiDeps): express.Express {
  useIndonesianValidationMessages();
  const app = express();
  app.disable('x-powered-by');
  app.use('/codec', codecCors(deps.codecEndpoint?.uiOrigin));
  app.use(express.json({ limit: '1mb' }));

  const router = express.Router();
  mountRoutes(router, allRoutes, deps);
  app.use(router);
  mountDocs(app, allRoutes);
  mountWebApp(app);

  app.use(unknownRoute);
  app.use(errorHandler(deps.log));
  return app;
}

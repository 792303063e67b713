import express from 'express';
import type { Client } from '@temporalio/client';
import type { Mailer } from '../activities/mailer';
import { checkHealth } from './health';

export interface ApiDeps {
  temporal: Client;
  mailer: Mailer;
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  app.get('/health', async (_req, res) => {
    const report = await checkHealth(deps);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  return app;
}

// GET /health: whether Temporal, MongoDB and SMTP answer, for start scripts and monitoring.
import { z } from 'zod';
import { checkHealth } from '../health';
import { defineRoute } from '../route';

const check = z.object({ ok: z.boolean(), error: z.string().optional() });
const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), checks: z.object({ temporal: check, mongodb: check, smtp: check }) })
  .meta({ id: 'Health' });

export const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  summary: 'Kesehatan layanan: Temporal, MongoDB, SMTP',
  tags: ['Sistem'],
  access: 'publik',
  public: true,
  responses: { 200: { description: 'Semua layanan menjawab', schema: healthSchema }, 503: { description: 'Ada layanan yang tidak menjawab', schema: healthSchema } },
  async handle({ res, deps }) {
    const report = await checkHealth(deps);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  },
});

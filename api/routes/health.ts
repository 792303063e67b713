// GET /health: whether Temporal, MongoDB and SMTP answer, for start scripts and monitoring. Anyone
// may ask whether each service is up; why one is not (internal addresses, driver messages) is for
// an admin's token only.
import { z } from 'zod';
import { tokenUser } from '../auth';
import { RETRY_AFTER_SECONDS } from '../errors';
import { checkHealth, HealthReport } from '../health';
import { defineRoute } from '../route';

const check = z.object({
  ok: z.boolean(),
  error: z.string().optional().meta({ description: 'Hanya dengan token admin: mengapa layanan ini tidak menjawab.' }),
});
const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), checks: z.object({ temporal: check, mongodb: check, smtp: check }) })
  .meta({ id: 'Health' });

function withoutDetails(report: HealthReport): HealthReport {
  const checks = Object.fromEntries(Object.entries(report.checks).map(([name, c]) => [name, { ok: c.ok }])) as HealthReport['checks'];
  return { status: report.status, checks };
}

export const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  summary: 'Kesehatan layanan: Temporal, MongoDB, SMTP',
  description: 'Publik: ok atau tidak per layanan. Dengan token admin, juga pesan galat tiap layanan yang tidak menjawab.',
  tags: ['Sistem'],
  access: 'publik (rincian galat: admin)',
  public: true,
  responses: { 200: { description: 'Semua layanan menjawab', schema: healthSchema }, 503: { description: 'Ada layanan yang tidak menjawab', schema: healthSchema } },
  async handle({ req, res, deps }) {
    const report = await checkHealth(deps);
    // With MongoDB down the token cannot be checked: then nobody gets the details.
    const user = report.checks.mongodb.ok ? await tokenUser(req).catch(() => null) : null;
    if (report.status !== 'ok') res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(report.status === 'ok' ? 200 : 503).json(user?.role === 'admin' ? report : withoutDetails(report));
  },
});

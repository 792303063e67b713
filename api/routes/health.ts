// GET /health: whether Temporal, MongoDB and SMTP answer, for start scripts and monitoring. Anyone
// may ask whether each service is up; why one is not (internal addresses, driver messages) is for
// an admin's token only, and so is which years the working calendar misses (a gap degrades health
// but leaves the API serving: 200, not 503).
import { z } from 'zod';
import { requestUser } from '../auth';
import { RETRY_AFTER_SECONDS } from '../errors';
import { checkHealth, HealthReport, servicesDown } from '../health';
import { defineRoute } from '../route';

const check = z.object({
  ok: z.boolean(),
  error: z.string().optional().meta({ description: 'Hanya dengan token admin: mengapa layanan ini tidak menjawab.' }),
});
const calendar = z
  .object({
    covered: z.array(z.number().int()).meta({ description: 'Tahun yang cuti bersamanya tercatat, dari tahun ini.' }),
    missing: z.array(z.number().int()).meta({ description: 'Tahun ini atau tahun depan yang cuti bersamanya belum tercatat.' }),
  })
  .optional()
  .meta({ description: 'Hanya dengan token admin (dan selama MongoDB menjawab): cakupan kalender kerja.' });
const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), checks: z.object({ temporal: check, mongodb: check, smtp: check }), calendar })
  .meta({ id: 'Health' });

function withoutDetails(report: HealthReport): HealthReport {
  const checks = Object.fromEntries(Object.entries(report.checks).map(([name, c]) => [name, { ok: c.ok }])) as HealthReport['checks'];
  return { status: report.status, checks };
}

export const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  summary: 'Kesehatan layanan: Temporal, MongoDB, SMTP, dan cakupan kalender kerja',
  description:
    'Publik: ok atau tidak per layanan. Dengan token admin, juga pesan galat tiap layanan yang tidak menjawab dan tahun yang belum tercatat di kalender kerja. ' +
    'Status "degraded" dengan 503 berarti ada layanan yang tidak menjawab; "degraded" dengan 200 berarti semua layanan menjawab tetapi cuti bersama tahun ini atau tahun depan belum dicatat.',
  tags: ['Sistem'],
  access: 'publik (rincian galat dan kalender kerja: admin)',
  public: true,
  responses: { 200: { description: 'Semua layanan menjawab (status degraded: kalender kerja belum lengkap)', schema: healthSchema }, 503: { description: 'Ada layanan yang tidak menjawab', schema: healthSchema } },
  async handle({ req, res, deps }) {
    const report = await checkHealth(deps);
    // With MongoDB down the token cannot be checked: then nobody gets the details.
    const user = report.checks.mongodb.ok ? await requestUser(req).catch(() => null) : null;
    const down = servicesDown(report);
    if (down) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(down ? 503 : 200).json(user?.role === 'admin' ? report : withoutDetails(report));
  },
});

import type { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import type { Mailer } from '../activities/mailer';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<'temporal' | 'mongodb' | 'smtp', { ok: boolean; error?: string }>;
}

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3s')), 3000).unref()),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Asks each service a real question, in parallel, so one slow service does not hide the others. */
export async function checkHealth(deps: { temporal: Client; mailer: Mailer }): Promise<HealthReport> {
  const [temporal, mongodb, smtp] = await Promise.all([
    probe(() => deps.temporal.workflowService.getSystemInfo({})),
    probe(async () => {
      const db = mongoose.connection.db;
      if (!db) throw new Error('not connected');
      await db.admin().ping();
    }),
    probe(() => deps.mailer.verify()),
  ]);
  const checks = { temporal, mongodb, smtp };
  return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'degraded', checks };
}

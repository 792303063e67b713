import type { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import { CalendarCoverage, calendarCoverage } from '../activities/calendarCoverage';
import type { Mailer } from '../activities/mailer';

export interface HealthReport {
  /** degraded: a service does not answer, or the working calendar misses this year or the next. */
  status: 'ok' | 'degraded';
  checks: Record<'temporal' | 'mongodb' | 'smtp', { ok: boolean; error?: string }>;
  /** Absent while MongoDB does not answer: then nobody can tell. */
  calendar?: CalendarCoverage;
}

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await within3s(check());
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function within3s<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 3s')), 3000).unref())]);
}

/** Asks each service a real question, in parallel, so one slow service does not hide the others. */
export async function checkHealth(deps: { temporal: Client; mailer: Mailer; profileId: string }, nowMs = Date.now()): Promise<HealthReport> {
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
  const calendar = mongodb.ok ? await within3s(calendarCoverage(deps.profileId, nowMs)).catch(() => undefined) : undefined;
  const ok = Object.values(checks).every((c) => c.ok) && calendar?.missing.length === 0;
  return { status: ok ? 'ok' : 'degraded', checks, ...(calendar ? { calendar } : {}) };
}

/** A service that does not answer makes the API unable to serve (503); a calendar gap does not. */
export function servicesDown(report: HealthReport): boolean {
  return !Object.values(report.checks).every((c) => c.ok);
}

// What each named effect does to a case: capacity, IP, monitoring, handover minutes, the asset
// register, backup and restore records, letters. One entry per effect name (shared/profile/actions.ts),
// so an effect an action kind names always exists; none is tied to a row's position.
import type { Answer, EffectName, HumanActionKind } from '../../shared/profile/actions';
import type { DecisionPayload } from '../../shared/decisions';
import { backupOf, requestDomain, type StepRecord } from '../../shared/caseState';
import type { Activity, ProfileAction } from '../../shared/profile/schema';
import type { LetterName } from '../../shared/profile/vocabulary';
import type { PlacedServersInput } from '../../activities/handover';
import type { CaseBook } from './caseBook';
import { conditions } from './conditions';

export interface EffectContext {
  book: CaseBook;
  row: Activity;
  record: StepRecord;
  action: ProfileAction;
  /** The person's payload; absent for the system's own actions (letters) and `before` effects. */
  payload?: unknown;
}

/** An effect may overrule the answer its action gives (a reservation that found no room says "tidak"). */
export type Effect = (ctx: EffectContext) => Promise<Answer | void>;

const payloadOf = <K extends HumanActionKind>(ctx: EffectContext, _kind: K) => ctx.payload as DecisionPayload<K>;
const iso = (ms: number) => new Date(ms).toISOString();
const rowLabel = (ctx: EffectContext) => `Langkah ${ctx.row.no}`;

function colocation(ctx: EffectContext) {
  const request = ctx.book.state.submission;
  if (request.kind !== 'colocation') throw new Error(`${ctx.action.kind} needs a colocation request; procedure ${ctx.book.procedure.id} asks for ${request.kind}`);
  return request;
}

function withdrawal(ctx: EffectContext) {
  const request = ctx.book.state.submission;
  if (request.kind !== 'withdrawal') throw new Error(`${ctx.action.kind} needs a withdrawal request; procedure ${ctx.book.procedure.id} asks for ${request.kind}`);
  return request;
}

function placementText(book: CaseBook): string | undefined {
  const r = book.state.capacity.reservation;
  return r && `${r.rackName} (${r.noc}, ${r.location}) U${r.startUnit}-U${r.startUnit + r.units - 1}`;
}

/** Takes the reserved (or wanted) address and marks the placement installed; a taken address falls back to the reserved one. */
async function installPlacement(ctx: EffectContext, wanted: string | undefined): Promise<void> {
  const { book } = ctx;
  const reservationId = book.state.requestNumber;
  try {
    book.state.capacity.reservation = await book.run('assignIpAddress', `${rowLabel(ctx)}: alamat IP dan pemasangan`, { reservationId, wanted });
  } catch (error) {
    if (!wanted) throw error;
    book.audit(`${ctx.record.stepId}/ipRefused`, 'ipAddressRefused', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: { wanted, reason: String((error as Error).cause ?? error) } });
    book.state.capacity.reservation = await book.run('assignIpAddress', `${rowLabel(ctx)}: alamat IP yang dicadangkan`, { reservationId });
  }
}

/** The servers as submitted and verified, and where they were placed: what the BAST and the asset register name. */
function placedServers(ctx: EffectContext): PlacedServersInput {
  const { book } = ctx;
  const request = colocation(ctx);
  const verified = book.lastDecision('specVerification')?.payload;
  const r = book.state.capacity.reservation;
  return {
    requestNumber: book.state.requestNumber,
    at: ctx.record.startedAt,
    form: request.form,
    servers: request.servers,
    verified: verified?.result === 'match' ? verified.servers : [],
    placement: r && { rackId: r.rackId, startUnit: r.startUnit, units: r.units, ipAddress: r.ipAddress },
    monitoringId: book.state.installation?.monitoringId,
  };
}

function letterIntent(book: CaseBook, letter: LetterName, row: Activity) {
  const { state } = book;
  const request = state.submission;
  switch (letter) {
    case 'approved': {
      const approval = book.lastDecision('approval')?.payload;
      const later = book.procedure.activities.slice(book.procedure.activities.indexOf(row) + 1);
      return {
        template: 'approved' as const,
        location: placementText(book),
        consideration: approval?.consideration,
        bringServer: later.some((r) => r.actions.some((a) => a.kind === 'deviceDelivery')),
      };
    }
    case 'replyLetter':
      return { template: 'replyLetter' as const, accepted: conditions.capacityAvailable(state) === 'ya' };
    case 'noCapacity':
      return { template: 'noCapacity' as const, reasons: state.capacity.proposal?.shortages ?? [] };
    case 'completionReport':
      return {
        template: 'completed' as const,
        domain: requestDomain(request),
        ipAddress: state.installation?.ipAddress ?? state.capacity.reservation?.ipAddress,
        location: placementText(book),
        bastNumber: state.handover?.bastNumber,
      };
    case 'backupStopped': {
      // The letter is read by people: the agency's local time, not an ISO instant.
      const lastRun = state.backup?.lastRuns.at(-1)?.at;
      return { template: 'backupStopped' as const, runs: state.backup?.runs ?? 0, lastRun: lastRun && book.localTime(lastRun) };
    }
    case 'restoreResult': {
      return { template: 'restoreResult' as const, summary: book.lastDecision('restoreReport')?.payload.summary ?? '' };
    }
    case 'withdrawalReport': {
      const removal = state.removal;
      const approval = book.lastDecision('withdrawalApproval')?.payload;
      const placementNumber = request.kind === 'withdrawal' ? request.placementNumber : '';
      const released = removal?.released;
      return {
        template: 'withdrawalCompleted' as const,
        placementNumber,
        location: released?.rackId && `${released.rackId} ${released.units ?? ''}`.trim(),
        ipAddress: released?.ipAddress,
        removedBy: removal?.removedBy,
        consideration: approval?.consideration,
      };
    }
  }
}

export const effects = {
  async proposeCapacity(ctx) {
    const { book } = ctx;
    const proposal = await book.run('checkInfrastructureCapacity', `${rowLabel(ctx)}: mengecek ketersediaan kapasitas infrastruktur`, { needs: colocation(ctx).needs, dimensions: book.profile.capacity.dimensions, caseId: book.state.requestNumber });
    book.state.capacity.proposal = proposal;
    book.audit(`${ctx.record.stepId}/proposed`, 'capacityProposed', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: proposal });
  },
  async reserveCapacity(ctx) {
    const { book } = ctx;
    const { capacity, requestNumber } = book.state;
    const payload = payloadOf(ctx, 'capacityCheck');
    if (payload.outcome === 'unavailable') {
      capacity.outcome = 'unavailable';
      return;
    }
    const proposed = capacity.proposal?.placement;
    const placement = payload.outcome === 'override' ? payload.placement : proposed && { rackId: proposed.rackId, startUnit: proposed.startUnit, ipAddress: proposed.ipAddress };
    if (!placement) {
      capacity.outcome = 'unavailable';
      return 'tidak';
    }
    const result = await book.run('reserveCapacity', `${rowLabel(ctx)}: mencadangkan kapasitas`, { reservationId: requestNumber, needs: colocation(ctx).needs, placement, dimensions: book.profile.capacity.dimensions });
    if (!result.ok) {
      capacity.outcome = 'unavailable';
      book.audit(`${ctx.record.stepId}/reservationFailed`, 'reservationFailed', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: { reason: result.reason } });
      return 'tidak';
    }
    capacity.outcome = 'available';
    capacity.reservation = result.reservation;
    book.audit(`${ctx.record.stepId}/reserved`, 'capacityReserved', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: result.reservation });
  },
  async recordPowerCheck(ctx) {
    ctx.book.state.capacity.power = payloadOf(ctx, 'powerCheck').outcome;
  },
  async updateApplicationForm(ctx) {
    const { form } = payloadOf(ctx, 'applicationForm');
    const request = colocation(ctx);
    if (!form) return;
    ctx.book.state.submission = { ...request, form };
    ctx.book.state.applicantUnit = form.unitName;
  },
  async recordApprovalForm(ctx) {
    const payload = payloadOf(ctx, 'approval');
    if (payload.decision === 'approve' && payload.form) ctx.book.state.approvalForm = payload.form;
  },
  async recordDelivery() {},
  async recordVerification(ctx) {
    const payload = payloadOf(ctx, 'specVerification');
    if (payload.result === 'match') return;
    const { book, row } = ctx;
    const next = row.next && 'question' in row.next ? row.next.tidak : undefined;
    const returnTo = next && 'goto' in next ? book.row(next.goto) : row;
    book.email(`${ctx.record.stepId}/specMismatch`, [{ applicant: true }], { template: 'specMismatch', reasons: payload.reasons, returnTo: book.stepRef({ sopStep: returnTo.no, title: returnTo.title, performer: returnTo.performer }) });
  },
  async assignIpAddress(ctx) {
    const { book } = ctx;
    const wanted = payloadOf(ctx, 'installation').ipAddress ?? book.state.approvalForm?.ipAddress;
    await installPlacement(ctx, wanted);
  },
  async registerMonitoring(ctx) {
    const { book } = ctx;
    const r = book.state.capacity.reservation!;
    book.state.installation = { ipAddress: r.ipAddress ?? '', monitoringId: payloadOf(ctx, 'installation').monitoringId, rackId: r.rackId, startUnit: r.startUnit, units: r.units, at: iso(Date.now()) };
  },
  async issueHandoverMinutes(ctx) {
    const { book } = ctx;
    const payload = payloadOf(ctx, 'handover');
    // Where the SOP has no installation row (Jateng), handing over is when the placement is taken.
    if (book.state.capacity.reservation?.status === 'held') await installPlacement(ctx, book.state.approvalForm?.ipAddress);
    const result = await book.run('issueHandoverMinutes', `${rowLabel(ctx)}: berita acara serah terima`, {
      ...placedServers(ctx),
      agency: book.profile.agency.name,
      handedOverBy: payload.handedOverBy,
      receivedBy: payload.receivedBy,
    });
    book.state.handover = { bastNumber: result.bastNumber, at: iso(Date.now()) };
  },
  async registerAssets(ctx) {
    const { book } = ctx;
    const result = await book.run('registerAssets', `${rowLabel(ctx)}: aset register`, {
      ...placedServers(ctx),
      bastNumber: book.state.handover?.bastNumber,
    });
    book.state.assets = { ids: result.assetIds, at: iso(Date.now()) };
    book.audit(`${ctx.record.stepId}/assetsRegistered`, 'assetsRegistered', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: result });
  },
  async recordBackupPlan(ctx) {
    const { scope, schedule } = payloadOf(ctx, 'backupPlan');
    const backup = backupOf(ctx.book.state);
    backup.plan = { scope, schedule };
  },
  async recordBackupRun(ctx) {
    const { files, storedAt, sizeMb } = payloadOf(ctx, 'backupRun');
    const backup = backupOf(ctx.book.state);
    const now = Date.now();
    backup.runs += 1;
    // The read model keeps the last few; each run is also in the audit trail.
    backup.lastRuns = [...backup.lastRuns, { at: iso(now), files, storedAt, sizeMb }].slice(-5);
    backup.nextRunAt = backup.plan && !backup.stopRequested ? iso(nextRun(now, backup.plan.schedule)) : undefined;
    ctx.book.audit(`${ctx.record.stepId}/backupRun`, 'backupRun', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: { run: backup.runs, files, storedAt, sizeMb } });
  },
  async stopBackupSchedule(ctx) {
    const backup = backupOf(ctx.book.state);
    backup.stoppedAt = iso(Date.now());
    backup.nextRunAt = undefined;
  },
  async recordRestore(ctx) {
    const { restoredFrom } = payloadOf(ctx, 'restoreRun');
    const restore = (ctx.book.state.restore ??= { runs: [] });
    restore.runs = [...restore.runs, { at: iso(Date.now()), restoredFrom }].slice(-10);
  },
  async releasePlacement(ctx) {
    const { book } = ctx;
    const request = withdrawal(ctx);
    const { removedBy } = payloadOf(ctx, 'removal');
    const at = iso(Date.now());
    const result = await book.run('releasePlacement', `${rowLabel(ctx)}: melepas unit rak, alamat IP dan kapasitas`, { placementNumber: request.placementNumber, withdrawalNumber: book.state.requestNumber, at });
    book.state.removal = { at, removedBy, released: { rackId: result.rackId, units: result.units, ipAddress: result.ipAddress }, assetIds: result.assetIds };
    book.audit(`${ctx.record.stepId}/placementReleased`, 'placementReleased', { stepId: ctx.record.stepId, sopStep: ctx.row.no, details: result });
  },
  async sendLetter(ctx) {
    const { book, action, row } = ctx;
    const letter = action.letter!;
    if (book.lettersSent.has(letter)) return;
    book.lettersSent.add(letter);
    // The Kabid hears of what ends a placement's life too: its go-live and its withdrawal.
    const cc = letter === 'completionReport' || letter === 'withdrawalReport' ? [{ role: 'kabid' as const }] : undefined;
    book.email(`letter/${letter}`, [{ applicant: true }], letterIntent(book, letter, row), cc);
    book.audit(`letter/${letter}`, 'letterSent', { stepId: ctx.record.stepId, sopStep: row.no, details: { letter } });
  },
  async recordOnly() {},
} satisfies Record<EffectName, Effect>;

const DAY_MS = 24 * 3_600_000;

/** The next scheduled run: calendar days, weeks or months after this one. */
export function nextRun(fromMs: number, schedule: { every: number; unit: 'hari' | 'minggu' | 'bulan' }): number {
  if (schedule.unit === 'hari') return fromMs + schedule.every * DAY_MS;
  if (schedule.unit === 'minggu') return fromMs + schedule.every * 7 * DAY_MS;
  const next = new Date(fromMs);
  next.setUTCMonth(next.getUTCMonth() + schedule.every);
  return next.getTime();
}

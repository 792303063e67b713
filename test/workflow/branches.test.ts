// The SOP branches, on the time-skipping test server with real records and email: no capacity,
// rejection at each approval, a spec mismatch, withdrawal, refused decisions, SLA breach with
// reminder and escalation, the whole-service standard and an admin cancel.
import { Reservation } from '../../shared/db/capacity';
import { RequestRecord } from '../../shared/db/requestRecord';
import { aSubmission } from '../fixtures/submission';
import { emailsFor, refusalOf } from './support/expectations';
import { createHarness, driveToEnd, driveUntil, eventually, Harness, happyPayload, pendingKind, staffEmail, waitForPendingOrEnd } from './support/caseHarness';

const applicantEmail = 'dinkes@opd.example.go.id';
let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_branches');
});
afterAll(() => h?.close());

describe('no capacity', () => {
  test('Cirebon: the case ends and the applicant is told why', async () => {
    const handle = await h.start('cirebon', 'colocation', { kind: 'colocation', ...aSubmission({ needs: { rackUnits: 2, powerWatts: 800, bandwidthMbps: 10_000 } }) });
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'capacityCheck');
    expect(state.capacity.proposal).toMatchObject({ available: false });
    expect(state.capacity.proposal!.shortages.join(' ')).toMatch(/[Bb]andwidth/);

    const refusal = await refusalOf(h.decide(handle, 'capacityCheck', 'dcStaff', { outcome: 'confirm' }));
    expect(refusal).toMatchObject({ code: 'INVALID', fields: { outcome: expect.stringMatching(/tidak tersedia/) } });

    await h.decide(handle, 'capacityCheck', 'dcStaff', { outcome: 'unavailable', reason: 'Bandwidth tidak mencukupi' });
    const result = await handle.result();
    expect(result.status).toBe('noCapacity');
    const [email] = await eventually(async () => {
      const found = await emailsFor(result.requestNumber, applicantEmail).then((all) => all.filter((e) => /Kapasitas infrastruktur tidak tersedia/.test(e.subject)));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(email!.text).toMatch(/[Bb]andwidth/);
    expect(await Reservation.findById(result.requestNumber).lean()).toBeNull();
  });

  test('Jateng: the letter row runs (SOP row 8) and the applicant gets one letter', async () => {
    const handle = await h.start('jateng', 'colocation', { kind: 'colocation', ...aSubmission({ needs: { rackUnits: 2, powerWatts: 800, bandwidthMbps: 10_000 } }) });
    await driveUntil(h, handle, (s) => pendingKind(s) === 'capacityCheck');
    await h.decide(handle, 'capacityCheck', 'kasi', { outcome: 'unavailable', reason: 'Bandwidth tidak mencukupi' });
    const result = await handle.result();
    expect(result.status).toBe('noCapacity');
    expect((await h.state(handle)).steps.map((s) => s.sopStep)).toEqual(['1', '2', '3', '4', '8']);
    await eventually(async () => expect((await emailsFor(result.requestNumber, applicantEmail)).filter((e) => /tidak tersedia/.test(e.subject))).toHaveLength(1));
  });
});

describe.each([
  ['cirebon', 'kabid', 'Permohonan co-location tidak disetujui Kepala Bidang Aptika'],
  ['jateng', 'kadis', 'Permohonan colocation tidak disetujui Kepala Dinas'],
] as const)('rejection: %s by %s', (profileId, role, sopReason) => {
  test('ends the case, records the pertimbangan and releases any capacity held', async () => {
    const handle = await h.start(profileId);
    await driveUntil(h, handle, (s) => s.currentStep?.pending?.kind === 'approval' && s.currentStep.pending.by === role);
    const result = await h.decide(handle, 'approval', role, { decision: 'reject', consideration: 'Aplikasi belum lulus uji keamanan' });

    expect(result.case.status).toBe('rejected');
    expect(result.case.closeReason).toBe(sopReason);
    const state = await h.state(handle);
    expect(state.decisions.at(-1)).toMatchObject({ kind: 'approval', actor: { role }, payload: { decision: 'reject', consideration: 'Aplikasi belum lulus uji keamanan' } });
    const reservation = await Reservation.findById(state.requestNumber).lean();
    expect(reservation?.status ?? 'none').not.toBe('held');
    // The applicant reads the official's own pertimbangan, not the SOP's wording of the ending.
    const letter = await eventually(async () => {
      const found = (await emailsFor(state.requestNumber, applicantEmail)).find((e) => / ditolak$/.test(e.subject));
      expect(found).toBeDefined();
      return found!;
    });
    expect(letter.text).toContain('Pertimbangan: Aplikasi belum lulus uji keamanan');
  });
});

test('a spec mismatch goes back to the applicant, then the case completes', async () => {
  const handle = await h.start('cirebon');
  let mismatches = 0;
  const trail = await driveToEnd(h, handle, (kind) => {
    if (kind !== 'specVerification' || mismatches++ > 0) return undefined;
    return { result: 'mismatch', reasons: ['RAM terpasang 32 GB, bukan 64 GB'] };
  });
  const result = await handle.result();
  expect(result.status).toBe('completed');
  expect(trail.filter((t) => t.kind === 'deviceDelivery')).toHaveLength(2);
  const state = await h.state(handle);
  expect(state.steps.filter((s) => s.sopStep === '8').map((s) => s.outcome)).toEqual(['tidak', 'ya']);
  const mismatch = await eventually(async () => {
    const found = (await emailsFor(state.requestNumber, applicantEmail)).find((e) => /tidak sesuai/.test(e.subject));
    expect(found).toBeDefined();
    return found!;
  });
  expect(mismatch.text).toContain('RAM terpasang 32 GB');
});

describe('withdrawal', () => {
  test('before installation ends the case and releases the reservation', async () => {
    const handle = await h.start('cirebon');
    await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
    const held = await h.state(handle);
    expect(held.capacity.reservation).toMatchObject({ status: 'held' });

    const result = await h.withdraw(handle, 'Aplikasi dipindahkan ke cloud nasional');
    expect(result.case.status).toBe('withdrawn');
    expect(await Reservation.findById(held.requestNumber).lean()).toMatchObject({ status: 'released' });
    await eventually(async () => expect((await emailsFor(held.requestNumber, applicantEmail)).map((e) => e.subject)).toContainEqual(expect.stringMatching(/^\[[^\]]+\] Permohonan co-location .*dibatalkan oleh pemohon$/)));

    // The workflow has ended: Temporal itself refuses further Updates (the API reports it as closed).
    await expect(h.decide(handle, 'deviceDelivery', 'dcStaff', { deliveredBy: 'Budi Santoso' })).rejects.toThrow();
    expect((await h.state(handle)).status).toBe('withdrawn');
  });

  test('after installation is refused', async () => {
    const handle = await h.start('cirebon');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'handover');
    expect(state.installation).toBeDefined();
    expect(await refusalOf(h.withdraw(handle, 'Tidak jadi'))).toMatchObject({ code: 'OUT_OF_TURN' });
    expect((await h.state(handle)).status).toBe('inProgress');
  });
});

describe('decisions', () => {
  test('by the wrong role, out of turn, malformed or carrying a password are refused and change nothing', async () => {
    const handle = await h.start('cirebon');
    const before = await driveUntil(h, handle, (s) => pendingKind(s) === 'disposition');

    const wrongRole = await refusalOf(h.decide(handle, 'disposition', 'kadis', { note: 'x' }));
    expect(wrongRole).toMatchObject({ code: 'WRONG_ROLE', waitingFor: { sopStep: '2', role: 'kabid' } });
    const outOfTurn = await refusalOf(h.decide(handle, 'installation', 'dcStaff', { monitoringId: 'zabbix-1' }));
    expect(outOfTurn).toMatchObject({ code: 'OUT_OF_TURN', waitingFor: { action: before.currentStep!.pending!.label } });
    expect(outOfTurn.message).toMatch(/menunggu/);

    const after = await h.state(handle);
    expect(after.decisions).toEqual(before.decisions);
    expect(after.currentStep!.pending).toEqual(before.currentStep!.pending);

    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'approval');
    const approve = happyPayload('approval', state) as { form: object };
    const withPassword = await refusalOf(h.decide(handle, 'approval', 'kabid', { decision: 'approve', consideration: 'Dokumen lengkap', form: { ...approve.form, hostAdminPassword: 'rahasia123' } } as never));
    expect(withPassword.code).toBe('INVALID');
    expect(withPassword.message).toMatch(/hostAdminPassword/);
    expect(Object.keys(withPassword.fields!)).toEqual(['form']);
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain('rahasia123');
  });

  // A decision can reach a case before it has read its profile: sent with the start, or taken by a
  // worker that has just replayed the case after a restart. It is checked once the case waits.
  test('one that reaches the case as it starts is applied once the case waits for it', async () => {
    const { handle, result } = await h.startWithDecision('cirebon', 'disposition', 'kabid', { note: 'Diteruskan ke Kasi' });
    const answer = await result;
    expect(answer.duplicate).toBe(false);
    expect(answer.case.currentStep).toMatchObject({ sopStep: '2', pending: { kind: 'disposition', by: 'kasi' } });
    const state = await h.state(handle);
    expect(state.decisions.map((d) => [d.kind, d.actor.role])).toEqual([['disposition', 'kabid']]);
    expect(state.currentStep!.pending).toMatchObject({ kind: 'disposition', by: 'kasi' });
  });

  test('one that reaches the case as it starts, by the wrong role or malformed, is refused and changes nothing', async () => {
    const wrong = await h.startWithDecision('cirebon', 'disposition', 'kadis', { note: 'Diteruskan' });
    expect(await refusalOf(wrong.result)).toMatchObject({ code: 'WRONG_ROLE', waitingFor: { sopStep: '2', role: 'kabid' } });
    const malformed = await h.startWithDecision('cirebon', 'disposition', 'kabid', { note: 'x'.repeat(5000) });
    expect(await refusalOf(malformed.result)).toMatchObject({ code: 'INVALID', fields: { note: expect.any(String) } });
    for (const { handle } of [wrong, malformed]) {
      const state = await waitForPendingOrEnd(h, handle);
      expect(state.decisions).toEqual([]);
      expect(state.currentStep!.pending).toMatchObject({ kind: 'disposition', by: 'kabid' });
    }
  });

  test('the same decision sent twice is applied once', async () => {
    const handle = await h.start('cirebon');
    await driveUntil(h, handle, (s) => pendingKind(s) === 'disposition');
    const first = await h.decide(handle, 'disposition', 'kabid', { note: 'Teruskan' }, 'decision-same-0001');
    // The same Update resent (a retried HTTP call): Temporal answers with the first outcome.
    const resent = await h.decide(handle, 'disposition', 'kabid', { note: 'Teruskan' }, 'decision-same-0001');
    // The same decision under another Update id (e.g. a second browser tab): the workflow recognises it.
    const again = await h.decide(handle, 'disposition', 'kabid', { note: 'Teruskan' }, 'decision-same-0001', 'another-update-id-0001');
    expect(first.duplicate).toBe(false);
    expect(resent).toEqual(first);
    expect(again.duplicate).toBe(true);
    const state = await h.state(handle);
    expect(state.decisions.filter((d) => d.decisionId === 'decision-same-0001')).toHaveLength(1);
    expect(state.currentStep!.pending).toMatchObject({ kind: 'disposition', by: 'kasi' });
  });
});

describe('SLA', () => {
  test('a late staff step gets a reminder, then escalates to the superior, and still waits for its person', async () => {
    const handle = await h.start('cirebon');
    const waiting = await driveUntil(h, handle, (s) => pendingKind(s) === 'disposition');
    const { requestNumber } = waiting;
    const deadline = waiting.currentStep!.deadline!;

    await h.advancePast(deadline);
    const breached = await eventually(async () => {
      const s = await h.state(handle);
      expect(s.slaBreached).toBe(true);
      expect((await emailsFor(requestNumber, staffEmail('kabid'))).map((e) => e.subject)).toContain(`[${requestNumber}] Pengingat: batas waktu langkah 2 terlewati`);
      return s;
    });
    expect(breached.status).toBe('inProgress');
    expect(breached.currentStep!.breachedAt).toBeDefined();

    const escalation = await h.state(handle);
    await h.advancePast(new Date(Date.parse(escalation.currentStep!.deadline!) + 3 * 24 * 3600_000).toISOString());
    await eventually(async () => {
      expect((await emailsFor(requestNumber, staffEmail('kadis'))).map((e) => e.subject)).toContain(`[${requestNumber}] Eskalasi: langkah 2 belum diselesaikan`);
      expect((await h.state(handle)).currentStep!.escalatedAt).toBeDefined();
    });

    await h.decide(handle, 'disposition', 'kabid', { note: 'Maaf terlambat' });
    const after = await h.state(handle);
    expect(after.status).toBe('inProgress');
    expect(after.steps.find((s) => s.sopStep === '2')).toMatchObject({ breachedAt: expect.any(String), escalatedAt: expect.any(String) });
    expect(await RequestRecord.findById(requestNumber).lean()).toMatchObject({ slaBreached: true });
  });
});

test('Kaltim: the whole service standard of 4 working days is tracked and its breach reported to the Kabid', async () => {
  const handle = await h.start('kaltim');
  const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'capacityCheck');
  expect(state.totalDeadline).toBeDefined();
  await h.advancePast(state.totalDeadline!);
  await eventually(async () => {
    expect((await h.state(handle)).slaBreached).toBe(true);
    expect((await emailsFor(state.requestNumber, staffEmail('kabid'))).map((e) => e.subject)).toContain(`[${state.requestNumber}] Waktu layanan 4 hari kerja terlampaui`);
  });
  expect((await h.state(handle)).status).toBe('inProgress');
});

test('an admin cancelling the workflow in Temporal closes the case and releases its capacity', async () => {
  const handle = await h.start('cirebon');
  const held = await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
  expect(held.capacity.reservation).toMatchObject({ status: 'held' });
  await handle.cancel();
  await expect(handle.result()).rejects.toThrow();
  await eventually(async () => {
    expect(await Reservation.findById(held.requestNumber).lean()).toMatchObject({ status: 'released' });
    expect(await RequestRecord.findById(held.requestNumber).lean()).toMatchObject({ status: 'cancelled' });
    expect((await emailsFor(held.requestNumber, applicantEmail)).map((e) => e.subject)).toContainEqual(expect.stringMatching(/^\[[^\]]+\] Permohonan co-location .*dibatalkan oleh pengelola layanan$/));
  });
});

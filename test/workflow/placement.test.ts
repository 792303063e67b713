// A placement's life after go-live, on the time-skipping test server with the real activities,
// FerretDB and MailDev: withdrawn on request (approved, and rejected), a temporary placement reminded
// and withdrawn at its end date, one extended. What is checked is what people see: the placement's
// status, the asset register, the capacity given back, and the emails.
import { randomUUID } from 'node:crypto';
import { decideExtensionUpdate, requestExtensionUpdate, type PlacementState } from '../../shared/contracts/placement';
import type { CaseState } from '../../shared/caseState';
import { Asset } from '../../shared/db/asset';
import { IpAddress, Rack, Reservation } from '../../shared/db/capacity';
import { Placement, PlacementEvent } from '../../shared/db/placement';
import { emailsTo, listEmails, waitForEmails } from '../support/mailbox';
import { actorFor, createHarness, eventually, Harness, staffEmail } from './support/caseHarness';
import { refusalOf } from './support/expectations';
import { aTemporaryColocation, askWithdrawal, goLive, LivePlacement, startPlacementWithExtension, withdrawalCase } from './support/placements';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_placement', undefined, undefined, { placements: true });
});
afterAll(() => h?.close());

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const subjects = async (no: string, address: string) => emailsTo(await listEmails(), address).filter((e) => e.subject.startsWith(`[${no}]`)).map((e) => e.subject).sort();

async function assetsOf(no: string) {
  return (await Asset.find({ requestNumber: no }).lean()).map((a) => a.status);
}

async function heldBy(no: string) {
  const [rack, ip] = await Promise.all([Rack.findOne({ 'allocations.reservationId': no }).lean(), IpAddress.findOne({ reservationId: no }).lean()]);
  return { units: !!rack, ip: !!ip };
}

async function decideWithdrawal(placement: LivePlacement, kind: 'withdrawalApproval' | 'removal', role: 'kabid' | 'dcStaff', payload: object): Promise<CaseState> {
  const child = await withdrawalCase(h, placement);
  const result = await h.decide(child, kind, role, payload as never);
  return result.case as CaseState;
}

test('a placement withdrawn on the applicant\'s request: approved, removed, its rack units and IP given back', async () => {
  const placement = await goLive(h);
  const no = placement.placementNumber;
  expect(await placement.state()).toMatchObject({ status: 'active', term: { kind: 'permanent' }, location: { rackId: expect.any(String), ipAddress: expect.any(String) } });
  expect(await heldBy(no)).toEqual({ units: true, ip: true });

  const asked = await askWithdrawal(placement);
  const withdrawalNumber = asked.placement.withdrawal!.withdrawalNumber!;
  expect(withdrawalNumber).toMatch(/^CRB-PC-\d{4}-\d{4}$/);
  expect(asked.placement.status).toBe('withdrawing');
  await eventually(async () => expect(await assetsOf(no)).toEqual(['withdrawing']));

  await decideWithdrawal(placement, 'withdrawalApproval', 'kabid', { decision: 'approve', consideration: 'Server tidak lagi digunakan unit' });
  const closed = await decideWithdrawal(placement, 'removal', 'dcStaff', { removedBy: 'Andi Pratama' });
  expect(closed.status).toBe('completed');

  const final = (await placement.handle.result()) as PlacementState;
  expect(final).toMatchObject({ status: 'withdrawn', withdrawal: { withdrawalNumber, by: 'applicant' } });
  expect(await assetsOf(no)).toEqual(['withdrawn']);
  expect(await heldBy(no)).toEqual({ units: false, ip: false });
  expect((await Reservation.findById(no).lean())?.status).toBe('released');
  expect((await Placement.findById(no).lean())?.status).toBe('withdrawn');
  const events = (await PlacementEvent.find({ placementNumber: no }).sort({ at: 1 }).lean()).map((e) => e.event);
  expect(events).toEqual(['placementStarted', 'withdrawalRequested', 'withdrawalStarted', 'placementWithdrawn']);

  // The applicant and the Kabid are told, once.
  const done = `[${withdrawalNumber}] Pencabutan co-location ${final.domain} selesai`;
  const [letter] = await waitForEmails((e) => e.subject === done);
  expect(letter!.text).toContain(`penempatan ${no}`);
  expect(letter!.cc?.map((c) => c.address)).toEqual([staffEmail('kabid')]);
  expect((await listEmails()).filter((e) => e.subject === done)).toHaveLength(1);
});

test('a withdrawal the Kabid rejects "dengan pertimbangan" leaves the placement active and its capacity held', async () => {
  const placement = await goLive(h);
  const no = placement.placementNumber;
  const asked = await askWithdrawal(placement, 'dcStaff', 'Server tidak merespons monitoring');
  expect(asked.placement.withdrawal!.by).toBe('staff');
  const withdrawalNumber = asked.placement.withdrawal!.withdrawalNumber!;
  const closed = await decideWithdrawal(placement, 'withdrawalApproval', 'kabid', { decision: 'reject', consideration: 'Server masih dipakai layanan publik' });
  expect(closed.status).toBe('rejected');

  await eventually(async () => expect(await placement.state()).toMatchObject({ status: 'active', pastWithdrawals: [{ withdrawalNumber, outcome: 'rejected' }] }));
  expect((await placement.state()).withdrawal).toBeUndefined();
  await eventually(async () => expect(await assetsOf(no)).toEqual(['active']));
  expect(await heldBy(no)).toEqual({ units: true, ip: true });
  const [rejection] = await waitForEmails((e) => e.subject.startsWith(`[${withdrawalNumber}]`) && /ditolak/i.test(e.subject));
  expect(rejection!.text).toContain('Pertimbangan: Server masih dipakai layanan publik');
});

test('a temporary placement is reminded 30 and 7 days before its end date and withdrawn by the system on that date', async () => {
  const until = isoDate((await h.env.currentTimeMs()) + 60 * DAY);
  const placement = await goLive(h, 'cirebon', aTemporaryColocation(until));
  const no = placement.placementNumber;
  const { domain } = await placement.state();
  const applicant = (await placement.state()).applicantEmail;
  const reminder = `[${no}] Pengingat: jangka waktu co-location ${domain} berakhir ${until}`;

  // Cirebon works from 08:00 WIB: each reminder falls at 01:00 UTC of its date.
  const at = (daysBefore: number) => Date.parse(`${isoDate(Date.parse(`${until}T00:00:00Z`) - daysBefore * DAY)}T01:00:00Z`);
  await h.advancePast(new Date(at(30)).toISOString());
  const [first] = await waitForEmails((e) => e.subject === reminder);
  expect(first!.to.map((t) => t.address)).toEqual([applicant]);
  expect(first!.cc?.map((c) => c.address).sort()).toEqual([staffEmail('dcStaff'), staffEmail('kabid')]);
  expect(first!.text).toContain('30 hari lagi');

  await h.advancePast(new Date(at(7)).toISOString());
  const both = await waitForEmails((e) => e.subject === reminder, 2);
  expect(both.map((e) => e.text.match(/(\d+) hari lagi/)?.[1]).sort()).toEqual(['30', '7']);
  expect((await placement.state()).status).toBe('active');

  await h.advancePast(new Date(at(0)).toISOString());
  const child = await withdrawalCase(h, placement);
  const state = await eventually(async () => {
    const s = await placement.state();
    expect(s.status).toBe('withdrawing');
    return s;
  });
  expect(state.withdrawal).toMatchObject({ by: 'system', requestedBy: { userId: 'sistem' }, reason: expect.stringContaining(until) });
  // The withdrawal waits for the Kabid, like any other.
  const opened = await eventually(async () => {
    const s = await h.state(child);
    expect(s.currentStep?.pending).toBeDefined();
    return s;
  });
  expect(opened.currentStep!.pending).toMatchObject({ kind: 'withdrawalApproval', by: 'kabid' });
  expect(opened.submission).toMatchObject({ kind: 'withdrawal', placementNumber: no, requestedBy: 'system' });
  expect((await subjects(no, applicant)).filter((s) => s === reminder)).toHaveLength(2);
});

test('an approved extension moves the end date: no withdrawal at the old one, reminders for the new one', async () => {
  const until = isoDate((await h.env.currentTimeMs()) + 20 * DAY);
  const placement = await goLive(h, 'cirebon', aTemporaryColocation(until));
  const no = placement.placementNumber;
  const newUntil = isoDate(Date.parse(`${until}T00:00:00Z`) + 90 * DAY);
  const ask = randomUUID();
  const requested = await placement.handle.executeUpdate(requestExtensionUpdate, { args: [{ requestId: ask, actor: actorFor('applicant'), until: newUntil, reason: 'Migrasi ke pusat data nasional belum selesai' }], updateId: ask });
  expect(requested.placement.extensions).toMatchObject([{ until: newUntil, previousUntil: until }]);
  await expect(placement.handle.executeUpdate(decideExtensionUpdate, { args: [{ requestId: randomUUID(), actor: actorFor('dcStaff'), decision: 'approve', consideration: 'Disetujui' }] })).rejects.toMatchObject({ cause: { message: 'Perpanjangan jangka waktu diputuskan oleh Kepala Bidang Aptika.' } });
  const decide = randomUUID();
  const decided = await placement.handle.executeUpdate(decideExtensionUpdate, { args: [{ requestId: decide, actor: actorFor('kabid'), decision: 'approve', consideration: 'Migrasi dijadwalkan kuartal depan' }], updateId: decide });
  expect(decided.placement.term).toEqual({ kind: 'temporary', until: newUntil });

  await h.advancePast(`${until}T02:00:00Z`);
  await h.env.sleep(60_000);
  expect(await placement.state()).toMatchObject({ status: 'active', term: { until: newUntil } });
  expect((await placement.state()).withdrawal).toBeUndefined();
  expect((await Asset.findOne({ requestNumber: no }).lean())?.term).toEqual({ kind: 'temporary', until: newUntil });

  const { domain, applicantEmail } = await placement.state();
  await waitForEmails((e) => e.subject === `[${no}] Permohonan perpanjangan co-location ${domain} sampai ${newUntil}` && e.to.some((t) => t.address === staffEmail('kabid')));
  const [approved] = await waitForEmails((e) => e.subject === `[${no}] Perpanjangan co-location ${domain} disetujui`);
  expect(approved!.to.map((t) => t.address)).toEqual([applicantEmail]);
  expect(approved!.text).toContain(`berlaku sampai ${newUntil}`);
  // Twenty days from its end at go-live, the placement was reminded at once (its 30-day reminder was
  // past); its 7-day one never came: the end moved. The next comes 30 days before the new end date.
  expect((await subjects(no, applicantEmail)).filter((s) => s.includes('Pengingat'))).toEqual([`[${no}] Pengingat: jangka waktu co-location ${domain} berakhir ${until}`]);
});

test('a placement that lives long continues as new with its term, its decisions and what it already applied', async () => {
  const until = isoDate((await h.env.currentTimeMs()) + 300 * DAY);
  const placement = await goLive(h, 'cirebon', aTemporaryColocation(until));
  const firstRun = (await placement.handle.describe()).runId;
  const newUntil = isoDate(Date.parse(`${until}T00:00:00Z`) + 30 * DAY);
  let lastAsk = '';
  // Asked and refused again and again, as years of requests would, until its history is long.
  for (let round = 0; (await placement.handle.describe()).runId === firstRun; round++) {
    if (round > 150) throw new Error('the placement never continued as new');
    lastAsk = randomUUID();
    await placement.handle.executeUpdate(requestExtensionUpdate, { args: [{ requestId: lastAsk, actor: actorFor('applicant'), until: newUntil, reason: `Permohonan perpanjangan ke-${round + 1}` }], updateId: lastAsk });
    const refuse = randomUUID();
    await placement.handle.executeUpdate(decideExtensionUpdate, { args: [{ requestId: refuse, actor: actorFor('kabid'), decision: 'reject', consideration: 'Belum ada rencana migrasi' }], updateId: refuse });
  }

  const carried = await placement.state();
  expect(carried).toMatchObject({ status: 'active', term: { kind: 'temporary', until } });
  // A resend of a request made in the first run is recognised, not applied twice.
  const resent = await placement.handle.executeUpdate(requestExtensionUpdate, { args: [{ requestId: lastAsk, actor: actorFor('applicant'), until: newUntil, reason: 'dikirim ulang' }] });
  expect(resent.duplicate).toBe(true);
  // And the new run goes on: an extension approved now moves the end date.
  const ask = randomUUID();
  await placement.handle.executeUpdate(requestExtensionUpdate, { args: [{ requestId: ask, actor: actorFor('applicant'), until: newUntil, reason: 'Migrasi dijadwalkan' }], updateId: ask });
  const approve = randomUUID();
  const approved = await placement.handle.executeUpdate(decideExtensionUpdate, { args: [{ requestId: approve, actor: actorFor('kabid'), decision: 'approve', consideration: 'Disetujui' }], updateId: approve });
  expect(approved.placement.term).toEqual({ kind: 'temporary', until: newUntil });
  expect((await placement.handle.describe()).historyLength).toBeLessThan(200);
});

// A request can reach a placement before it has read its settings: sent right after the start, or
// taken by a worker that has just replayed it after a restart. It is checked once the settings are read.
test('an extension asked as the placement starts is applied once it has read its settings; one by the wrong role is refused', async () => {
  const until = isoDate((await h.env.currentTimeMs()) + 60 * DAY);
  const newUntil = isoDate(Date.parse(`${until}T00:00:00Z`) + 30 * DAY);
  const asked = await startPlacementWithExtension(h, 'applicant', until, newUntil);
  const answer = await asked.result;
  expect(answer.duplicate).toBe(false);
  expect(answer.placement.extensions).toMatchObject([{ until: newUntil, previousUntil: until }]);
  expect((await asked.placement.state()).extensions).toHaveLength(1);
  await eventually(async () => expect(await subjects(asked.placement.placementNumber, staffEmail('kabid'))).toHaveLength(1));

  const wrong = await startPlacementWithExtension(h, 'dcStaff', until, newUntil);
  expect(await refusalOf(wrong.result)).toMatchObject({ code: 'WRONG_ROLE' });
  const state = await eventually(async () => {
    const read = await wrong.placement.state();
    expect(read.revision).toBeGreaterThan(0);
    return read;
  });
  expect(state).toMatchObject({ status: 'active', extensions: [], term: { kind: 'temporary', until } });
});

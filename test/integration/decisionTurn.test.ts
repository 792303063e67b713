// A decision is sent on the API's summary of the case (its in-memory index), not a read of the whole
// record. That summary may trail the case: written by another API process, or not yet caught up
// with the change log. Whose turn it is must still be judged by the case as it stands.
import { summaryIndex } from '../../api/views/summaryIndex';
import { aSubmission } from '../fixtures/submission';
import { ApiHarness, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_turn');
});
afterAll(() => h?.close());

test('a summary that trails the case neither refuses the decision now due nor lets one through out of turn', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  const waitingForKabid = summaryIndex().peek(no);
  expect(waitingForKabid?.currentStep?.pending).toMatchObject({ kind: 'disposition', by: 'kabid' });
  expect((await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' } })).status).toBe(200);

  // The index is made to say the case still waits for Kabid (as a summary written before his decision would).
  const trailing = (revision: number) => summaryIndex().learn({ ...waitingForKabid!, revision });
  trailing(1_000);
  const byKasi = await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan ke tim DC' } });
  expect(byKasi).toMatchObject({ status: 200, body: { duplicate: false, case: { waitingFor: { kind: 'capacityCheck', role: 'dcStaff' } } } });

  // Now it says a disposition is due while the case waits for the capacity check: the workflow refuses it.
  trailing(2_000);
  const outOfTurn = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Sekali lagi' } });
  expect(outOfTurn).toMatchObject({ status: 409, body: { error: { code: 'OUT_OF_TURN' } } });
  const read = await h.as('kabid')('GET', `/requests/${no}`);
  expect(read.body.timeline.map((d: { kind: string }) => d.kind)).toEqual(['disposition', 'disposition']);
  expect(read.body.waitingFor).toMatchObject({ kind: 'capacityCheck', role: 'dcStaff' });
});

test('a decision by an applicant of another unit is answered as for an unknown case, from the summary too', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  expect(summaryIndex().peek(no)).toBeDefined();
  const decision = await h.as('otherApplicant')('POST', `/requests/${no}/decisions/application-form`, { body: {} });
  expect(decision).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
});

// The reference data behind cases over HTTP: the SOP profiles and their diagrams, and the capacity
// inventory an admin keeps (what it refuses, and that staff only read it).
import { ApiHarness, startApiHarness } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_reference');
});
afterAll(() => h?.close());

test('the five SOP profiles with their procedures, one in full with the endpoint of each decision, and a procedure diagram', async () => {
  const list = await h.call('GET', '/profiles');
  expect(list.status).toBe(200);
  expect(list.body.items.map((p: { id: string; code: string }) => `${p.id}:${p.code}`)).toEqual(['ciamis:CMS', 'cirebon:CRB', 'jateng:JTG', 'kaltim:KTM', 'sumbar:SMB']);
  const jateng = list.body.items.find((p: { id: string }) => p.id === 'jateng');
  expect(jateng.procedures.map((p: { id: string; code: string | null; submit: string }) => [p.id, p.code, p.submit])).toEqual([
    ['colocation', null, 'POST /requests'],
    ['backup', 'BU', 'POST /requests/backup'],
    ['restore', 'RS', 'POST /requests/restore'],
    ['withdrawal', 'PC', 'POST /placements/{placementNumber}/withdrawal'],
  ]);

  const cirebon = await h.call('GET', '/profiles/cirebon');
  const [colocation] = cirebon.body.procedures;
  const disposition = colocation.activities.find((row: { no: string }) => row.no === '2');
  expect(disposition.actions.map((a: { byTitle: string; endpoint: string }) => [a.byTitle, a.endpoint])).toEqual([
    ['Kepala Bidang Aptika', 'POST /requests/{requestNumber}/decisions/disposition'],
    ['Seksi Infrastruktur dan Teknologi', 'POST /requests/{requestNumber}/decisions/disposition'],
  ]);
  const letter = colocation.activities.find((row: { no: string }) => row.no === '6').actions[0];
  expect(letter).toMatchObject({ kind: 'letter', by: null, byTitle: 'sistem (otomatis)', effects: ['sendLetter'] });
  expect(letter.endpoint).toBeUndefined();

  const diagram = await h.call('GET', '/profiles/jateng/diagram?procedure=backup');
  expect(diagram.status).toBe(200);
  expect(diagram.headers.get('content-type')).toContain('text/plain');
  expect(diagram.body).toMatch(/^flowchart TD\n/);
  expect(diagram.body).toContain('Apakah membutuhkan proses back up lanjut?');
  expect((await h.call('GET', '/profiles/cirebon/diagram')).body).toContain('Kapasitas masih tersedia?');

  const unknown = await h.call('GET', '/profiles/bandung');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.message).toContain('cirebon');
  const noProcedure = await h.call('GET', '/profiles/cirebon/diagram?procedure=backup');
  expect(noProcedure.status).toBe(404);
  expect(noProcedure.body.error.message).toContain('colocation');
});

test('an admin keeps the capacity inventory; what cannot be, is refused and changes nothing', async () => {
  const admin = h.as('admin');
  expect((await admin('PUT', '/capacity/pools/bandwidth', { body: { total: 2000 } })).body).toEqual({ kind: 'bandwidth', total: 2000, free: 2000, held: 0 });
  expect((await admin('POST', '/capacity/ip-addresses', { body: { addresses: ['10.20.2.0/30', '10.20.1.10'] } })).body).toEqual({ added: ['10.20.2.1', '10.20.2.2'], skipped: ['10.20.1.10'] });

  const badBody = await admin('PUT', '/capacity/racks/R01', { body: { name: 'Rak A1', noc: 'NOC', location: 'Ruang Server', totalUnits: 100 } });
  expect(badBody.status).toBe(400);
  expect(badBody.body.error.fields).toEqual({ totalUnits: expect.stringContaining('Terlalu besar') });
  const unknownPool = await admin('PUT', '/capacity/pools/solar', { body: { total: 10 } });
  expect(unknownPool.status).toBe(404);
  const badAddress = await admin('POST', '/capacity/ip-addresses', { body: { addresses: '10.20.1' } });
  expect(badAddress.status).toBe(400);

  const summary = await h.as('kasi')('GET', '/capacity');
  expect(summary.body.pools).toContainEqual({ kind: 'bandwidth', total: 2000, free: 2000, held: 0 });
  expect(summary.body.ipAddresses.total).toBe(51 + 2);
  expect(summary.body.racks.find((r: { _id: string }) => r._id === 'R01')).toMatchObject({ totalUnits: 42 });

  for (const role of ['kasi', 'dcStaff', 'applicant'] as const) {
    const change = await h.as(role)('PUT', '/capacity/pools/power', { body: { total: 1 } });
    expect([role, change.status, change.body.error.code]).toEqual([role, 403, 'FORBIDDEN']);
  }
  expect((await h.as('applicant')('GET', '/capacity')).status).toBe(403);
  expect((await admin('PUT', '/capacity/pools/power', { body: { total: 1 }, headers: { 'X-Act-As-Role': 'kabid', 'X-Act-Reason': 'mencoba sebagai kabid' } })).status).toBe(403);
});

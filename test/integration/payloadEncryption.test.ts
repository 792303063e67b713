// Personal data never lies in Temporal history in plain text: a case's NIP, phone, address, host
// admin user and contact person are absent from the raw bytes the server stores and serves (what
// the Web UI and `temporal workflow show` read), while the API reads the case normally and an admin
// decodes the payloads through /codec (Temporal's remote codec protocol).
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createSmtpMailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { aSubmission } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_payload_encryption');
});
afterAll(() => h?.close());

const secrets = {
  nip: '197711232005011007',
  contactNumber: '+62 231 987 6543',
  unitAddress: 'Jl. Kenari Tersembunyi No. 77',
  responsibleOfficer: 'Ratna Kusumawardhani, S.T.',
  hostAdminUser: 'adm-rahasia-simpus',
  contactPerson: 'Wulan Sekarningrum 0813-7777-8888',
};

type RawEvent = temporal.api.history.v1.IHistoryEvent;

/** The history as the server stores and serves it, with no data converter in between. */
async function rawHistory(client: Client, workflowId: string): Promise<{ bytes: Buffer; events: RawEvent[] }> {
  const pages: Buffer[] = [];
  const events: RawEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({ namespace: client.options.namespace, execution: { workflowId }, nextPageToken });
    pages.push(Buffer.from(temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(page).finish()));
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { bytes: Buffer.concat(pages), events };
}

const toJsonPayload = (p: temporal.api.common.v1.IPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

let requestNumber: string;
let events: RawEvent[];

async function waitingFor(no: string, kind: string): Promise<void> {
  await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === kind, `${no} to wait for ${kind}`);
}

test('the NIP, phone, address, host admin user and contact person are nowhere in the raw history, and the API reads the case', async () => {
  const base = aSubmission();
  const submission = { ...base, form: { ...base.form, nip: secrets.nip, contactNumber: secrets.contactNumber, unitAddress: secrets.unitAddress, responsibleOfficer: secrets.responsibleOfficer } };
  const submitted = await h.as('applicant')('POST', '/requests', { body: submission });
  expect(submitted.status).toBe(201);
  requestNumber = submitted.body.requestNumber;
  const no = requestNumber;

  // Through the approval form, which carries the host admin user and the contact person.
  await waitingFor(no, 'disposition');
  expect((await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: {} })).status).toBe(200);
  expect((await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: {} })).status).toBe(200);
  await waitingFor(no, 'capacityCheck');
  expect((await h.as('dcStaff')('POST', `/requests/${no}/decisions/capacity-check`, { body: { outcome: 'confirm' } })).status).toBe(200);
  await waitingFor(no, 'applicationForm');
  expect((await h.as('applicant')('POST', `/requests/${no}/decisions/application-form`, { body: {} })).status).toBe(200);
  await waitingFor(no, 'approval');
  const approval = await h.as('kabid')('POST', `/requests/${no}/decisions/approval`, {
    body: { decision: 'approve', consideration: 'Kapasitas tersedia', form: { serialNumber: 'SN-ENC-0001', typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: secrets.hostAdminUser, contactPerson: secrets.contactPerson } },
  });
  expect(approval.status).toBe(200);
  await waitingFor(no, 'deviceDelivery');

  const raw = await rawHistory(h.client, sopCaseWorkflowId('colocation', no));
  events = raw.events;
  const found = Object.entries(secrets).filter(([, value]) => raw.bytes.includes(Buffer.from(value, 'utf8')));
  console.log(`[payload encryption] ${no}: ${raw.events.length} history events, ${raw.bytes.length} raw bytes; personal values found in plain text: ${found.length}`);
  expect(found).toEqual([]);
  expect(raw.bytes.includes(Buffer.from('binary/encrypted'))).toBe(true);

  // The API, whose client has the keys, reads everything back.
  const read = await h.as('applicant')('GET', `/requests/${no}`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ status: 'inProgress', waitingFor: { kind: 'deviceDelivery' } });
  const view = JSON.stringify(read.body);
  for (const value of [secrets.nip, secrets.unitAddress, secrets.contactNumber]) expect(view).toContain(value);
});

describe('/codec, for the Temporal Web UI and CLI', () => {
  const startPayloads = () => {
    const started = events.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes;
    return (started?.input?.payloads ?? []).map(toJsonPayload);
  };

  test('an admin gets the decrypted payloads of the history; encode then decode gives them back', async () => {
    const decoded = await h.as('admin')('POST', '/codec/decode', { body: { payloads: startPayloads() }, headers: { 'X-Namespace': 'default' } });
    expect(decoded.status).toBe(200);
    const [input] = decoded.body.payloads;
    expect(Buffer.from(input.metadata.encoding, 'base64').toString()).toBe('json/plain');
    const workflowInput = JSON.parse(Buffer.from(input.data, 'base64').toString());
    expect(workflowInput).toMatchObject({ v: 1, requestNumber, procedureId: 'colocation', request: { kind: 'colocation', form: { nip: secrets.nip, contactNumber: secrets.contactNumber } } });

    const encoded = await h.as('admin')('POST', '/codec/encode', { body: { payloads: decoded.body.payloads } });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    // As `temporal workflow show --codec-endpoint` sends it: X-Namespace empty.
    const again = await h.as('admin')('POST', '/codec/decode', { body: encoded.body, headers: { 'X-Namespace': '' } });
    expect(again.status).toBe(200);
    expect(again.body.payloads).toEqual(decoded.body.payloads);
  });

  test('without a token it answers 401, for staff other than admin 403, for another namespace 403, all in the error shape', async () => {
    const body = { payloads: startPayloads() };
    const anonymous = await h.call('POST', '/codec/decode', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await h.call('POST', '/codec/decode', { body, token: 'not-a-token' })).status).toBe(401);

    const kabid = await h.as('kabid')('POST', '/codec/decode', { body });
    expect(kabid.status).toBe(403);
    expect(kabid.body).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringContaining('admin') } });
    expect((await h.as('applicant')('POST', '/codec/encode', { body })).status).toBe(403);

    const otherNamespace = await h.as('admin')('POST', '/codec/decode', { body, headers: { 'X-Namespace': 'another' } });
    expect(otherNamespace.status).toBe(403);
    expect(otherNamespace.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  test('a malformed body is refused with the fields named', async () => {
    const bad = await h.as('admin')('POST', '/codec/decode', { body: { payloads: [{ data: 'not base64 !!' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: { 'payloads.0.data': expect.any(String) } } });
  });

  describe('as npm start runs it: the UI origin allowed, and no token with the development key', () => {
    const uiOrigin = 'http://localhost:8233';
    let server: Server;
    let baseUrl: string;
    const mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
    beforeAll(async () => {
      const deps: ApiDeps = { temporal: h.client, taskQueue: h.taskQueue, profileId: 'cirebon', mailer, log: () => undefined, codecEndpoint: { uiOrigin, withoutToken: true } };
      const app = createApp(deps);
      server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      mailer.close();
    });

    test('the browser preflight is allowed for the UI origin only, and the UI decodes without a token', async () => {
      const preflight = await fetch(`${baseUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: { Origin: uiOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-namespace' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
      const stranger = await fetch(`${baseUrl}/codec/decode`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

      const decoded = await fetch(`${baseUrl}/codec/decode`, {
        method: 'POST',
        headers: { Origin: uiOrigin, 'Content-Type': 'application/json', 'X-Namespace': 'default' },
        body: JSON.stringify({ payloads: startPayloads() }),
      });
      expect(decoded.status).toBe(200);
      expect(decoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
      const body = (await decoded.json()) as { payloads: { data: string }[] };
      expect(Buffer.from(body.payloads[0]!.data, 'base64').toString()).toContain(secrets.nip);
    });
  });
});

// The OpenAPI document is generated from the same route declarations and zod schemas the API runs:
// every mounted route is in it, bodies point at the named schemas, errors at the one error shape.
import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import type { Mailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import { buildOpenApiDocument } from '../../api/openapi';
import { allRoutes } from '../../api/routes';
import { WEB_BASE } from '../../api/web/webApp';

const doc = buildOpenApiDocument(allRoutes) as unknown as {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>; security?: unknown[]; parameters?: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

/** Every method+path express actually serves (docs pages and the web app's pages and assets aside: they are not API). */
function mountedRoutes(): string[] {
  const app = createApp({ temporal: {} as Client, mailer: {} as Mailer, taskQueue: 'unused', profileId: 'cirebon' });
  const layers = (app as unknown as { router: Router & { stack: RouterLayer[] } }).router.stack;
  const routes: string[] = [];
  const walk = (stack: RouterLayer[]): void => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) routes.push(`${method} ${layer.route.path}`);
      else if (layer.handle.stack) walk(layer.handle.stack);
    }
  };
  walk(layers);
  const notApi = (r: string): boolean => r === 'get /openapi.json' || r === 'get /' || r.startsWith(`get ${WEB_BASE}/`);
  return routes.filter((r) => !notApi(r)).sort();
}

const documented = Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
  .sort();

test('every route the API serves is documented, and nothing else', () => {
  expect(doc.openapi).toBe('3.0.3');
  expect(documented).toEqual(mountedRoutes());
  expect(documented).toEqual(
    expect.arrayContaining([
      'post /requests',
      'post /requests/backup',
      'post /requests/restore',
      'post /requests/:requestNumber/stop',
      'get /requests',
      'get /requests/:requestNumber',
      'post /requests/:requestNumber/decisions/disposition',
      'post /requests/:requestNumber/decisions/capacity-check',
      'post /requests/:requestNumber/decisions/application-form',
      'post /requests/:requestNumber/decisions/approval',
      'post /requests/:requestNumber/decisions/device-delivery',
      'post /requests/:requestNumber/decisions/spec-verification',
      'post /requests/:requestNumber/decisions/installation',
      'post /requests/:requestNumber/decisions/handover',
      'post /requests/:requestNumber/decisions/power-check',
      'post /requests/:requestNumber/decisions/clarification',
      'post /requests/:requestNumber/decisions/backup-plan',
      'post /requests/:requestNumber/decisions/backup-run',
      'post /requests/:requestNumber/decisions/backup-stop',
      'post /requests/:requestNumber/decisions/restore-run',
      'post /requests/:requestNumber/decisions/restore-report',
      'post /requests/:requestNumber/decisions/decision',
      'post /requests/:requestNumber/decisions/task',
      'post /requests/:requestNumber/withdrawal',
      'get /inbox',
      'get /capacity',
      'put /capacity/racks/:rackId',
      'put /capacity/pools/:kind',
      'post /capacity/ip-addresses',
      'get /assets',
      'get /requests/:requestNumber/documents',
      'get /profiles',
      'get /profiles/:profileId',
      'get /profiles/:profileId/diagram',
      'get /me',
      'get /health',
      'post /auth/email-link',
      'post /auth/session',
      'get /auth/session',
      'delete /auth/session',
      'get /auth/options',
      'get /auth/oidc/login',
      'get /auth/oidc/callback',
      'get /users',
      'post /users',
      'put /users/:userId',
      'get /tokens',
      'post /tokens',
      'post /tokens/:tokenId/revoke',
    ]),
  );
});

test('request bodies reference the named zod schemas the handlers parse with', () => {
  const bodyRef = (path: string, method: string) => doc.paths[path]![method]!.requestBody?.content['application/json']!.schema.$ref;
  expect(bodyRef('/requests', 'post')).toBe('#/components/schemas/Submission');
  expect(bodyRef('/requests/{requestNumber}/decisions/approval', 'post')).toBe('#/components/schemas/ApprovalDecision');
  expect(bodyRef('/requests/{requestNumber}/decisions/capacity-check', 'post')).toBe('#/components/schemas/CapacityCheckDecision');
  expect(bodyRef('/requests/{requestNumber}/withdrawal', 'post')).toBe('#/components/schemas/WithdrawalRequest');
  expect(bodyRef('/requests/backup', 'post')).toBe('#/components/schemas/BackupSubmission');
  expect(bodyRef('/requests/restore', 'post')).toBe('#/components/schemas/RestoreSubmission');
  expect(bodyRef('/requests/{requestNumber}/stop', 'post')).toBe('#/components/schemas/StopRequest');
  expect(bodyRef('/requests/{requestNumber}/decisions/backup-run', 'post')).toBe('#/components/schemas/BackupRunDecision');
  expect(bodyRef('/requests/{requestNumber}/decisions/decision', 'post')).toBe('#/components/schemas/YesNoDecision');
  expect(doc.components.schemas.BackupSubmission).toMatchObject({ type: 'object', required: expect.arrayContaining(['letter', 'unitName', 'contact', 'system', 'scope']) });
  expect(doc.components.schemas.RestoreSubmission).toMatchObject({ type: 'object', required: expect.arrayContaining(['letter', 'unitName', 'contact', 'system', 'backupRef', 'reason']) });
  expect(doc.components.schemas.Submission).toMatchObject({ type: 'object', required: expect.arrayContaining(['letter', 'form', 'servers', 'needs']) });
  // Decision bodies are strict: a password field has nowhere to go.
  for (const name of ['ApprovalDecision', 'DispositionDecision', 'CapacityCheckDecision', 'WithdrawalRequest', 'BackupSubmission', 'RestoreSubmission', 'StopRequest', 'BackupRunDecision']) {
    expect([name, JSON.stringify(doc.components.schemas[name])]).toEqual([name, expect.stringContaining('"additionalProperties":false')]);
  }
  // Free text has a documented limit.
  expect(JSON.stringify(doc.components.schemas.SpecVerificationDecision)).toContain('"reasons":{"type":"array","items":{"type":"string","minLength":3,"maxLength":1000},"minItems":1,"maxItems":20}');
});

/** Signing in is open to anyone: asking for a link, using it, and the identity provider's round trip. */
const publicSignIn = ['post /auth/email-link', 'post /auth/session', 'get /auth/options', 'get /auth/oidc/login', 'get /auth/oidc/callback'];
/** A printed document's verification is open to whoever holds the paper. */
const publicVerification = ['get /documents/verify/{code}', 'get /verifikasi/{code}'];

test('every operation documents its errors with the one error shape, and protected ones need a bearer token or the session cookie', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const isPublic = path.startsWith('/profiles') || path === '/health' || path === '/service' || publicSignIn.includes(`${method} ${path}`) || publicVerification.includes(`${method} ${path}`);
      expect([method, path, op.security]).toEqual([method, path, isPublic ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }]]);
      if (!isPublic) expect(op.responses['401']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Error');
      if (op.requestBody) expect(op.responses['400']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Error');
    }
  }
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'kolokasi_session' });
  const decision = doc.paths['/requests/{requestNumber}/decisions/disposition']!.post!;
  expect(decision.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:requestNumber', 'header:Idempotency-Key', 'header:X-Act-As-Role', 'header:X-Act-Reason']));
  expect(Object.keys(decision.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '503', '504']);
  expect(decision.responses['503']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Error');
});

test('every $ref points at a component that exists', () => {
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(20);
  for (const ref of new Set(refs)) expect(Object.keys(doc.components.schemas)).toContain(ref);
});

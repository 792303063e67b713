// The OpenAPI 3 document, generated from the routes' own declarations and zod schemas (api/route.ts).
import { OpenApiGeneratorV3, OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { errorBodySchema } from './errors';
import type { RouteSpec } from './route';
import { SESSION_COOKIE } from './signIn/sessionCookie';

const ErrorSchema = errorBodySchema.meta({ id: 'Error', description: 'Bentuk galat yang sama untuk semua endpoint.' });

type Responses = RouteConfig['responses'];

function errorResponses(route: RouteSpec): Responses {
  const byStatus = new Map<number, string[]>();
  const add = (status: number, description: string): void => {
    byStatus.set(status, [...(byStatus.get(status) ?? []), description]);
  };
  if (route.body || route.query || route.headers) add(400, 'VALIDATION_FAILED: `fields` memuat satu pesan per kolom yang salah; tidak ada yang dimulai atau diubah. MALFORMED_JSON: isi bukan JSON.');
  if (!route.public) {
    add(401, 'UNAUTHENTICATED: token tidak ada atau tidak dikenal.');
    add(403, 'FORBIDDEN: peran ini tidak boleh melakukannya.');
  }
  for (const e of route.errors ?? []) add(e.status, `${e.codes.join(', ')}: ${e.description}`);
  if (route.body) add(413, 'PAYLOAD_TOO_LARGE: isi permintaan lebih dari 1 MB.');
  // Routes that need Temporal or MongoDB (the public ones answer from configuration, or are /health).
  if (!route.public) add(503, `SERVICE_UNAVAILABLE: Temporal atau MongoDB tidak dapat dihubungi; header Retry-After menyebut berapa detik menunggu sebelum mencoba lagi (dengan Idempotency-Key yang sama).`);
  return Object.fromEntries(
    [...byStatus].map(([status, descriptions]) => [status, { description: descriptions.join(' '), content: { 'application/json': { schema: ErrorSchema } } }]),
  );
}

function successResponses(route: RouteSpec): Responses {
  return Object.fromEntries(
    Object.entries(route.responses).map(([status, doc]) => [
      status,
      { description: doc.description, ...(doc.schema ? { content: { [doc.contentType ?? 'application/json']: { schema: doc.schema } } } : {}) },
    ]),
  );
}

export function buildOpenApiDocument(routes: readonly RouteSpec[], serverUrl?: string): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Token API (admin menerbitkannya lewat POST /tokens; `npm run demo-users` mencetak token demo). Admin dapat bertindak atas nama peran lain dengan X-Act-As-Role dan X-Act-Reason.',
  });
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Sesi peramban sesudah masuk (POST /auth/session). Setiap permintaan yang mengubah data (selain GET/HEAD/OPTIONS) wajib membawa header X-CSRF-Token berisi csrfToken sesi itu.',
  });
  for (const route of routes) {
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      description: `${route.description ? `${route.description}\n\n` : ''}**Siapa:** ${route.access}`,
      tags: route.tags,
      security: route.public ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.headers ? { headers: route.headers } : {}),
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: { ...successResponses(route), ...errorResponses(route) },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Kolokasi API',
      version: '1.0.0',
      description:
        'Layanan co-location / penempatan server dan hosting aplikasi, dan — bila SOP instansi memilikinya (Jateng) — permintaan back up dan restore. Setiap permohonan adalah satu workflow Temporal yang menjalankan prosedur SOP instansi sebagaimana tertulis; keputusan tiap peran dikirim lewat endpoint di bawah. Pesan galat dalam Bahasa Indonesia, dalam satu bentuk `{"error":{"code","message","fields"?}}` — juga 431 HEADERS_TOO_LARGE bila header melebihi 16 KB.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
  });
}

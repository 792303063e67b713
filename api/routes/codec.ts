// POST /codec/decode and /codec/encode: Temporal's remote codec protocol, so authorised people see
// the decrypted payloads of a case in the Temporal Web UI and `temporal workflow show`
// (docs/PAYLOAD-ENCRYPTION.md). It codes with the API client's own data converter, so it always
// knows exactly the keys the API and worker use.
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Request } from 'express';
import { z } from 'zod';
import { userOfRequest } from '../auth';
import type { ApiDeps } from '../deps';
import { ApiError, forbidden, validationFailed } from '../errors';
import { defineRoute, RouteSpec } from '../route';

const base64 = z.base64('harus base64');
const jsonPayloadSchema = z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() });
const codecBodySchema = z
  .object({ payloads: z.array(jsonPayloadSchema).max(10_000) })
  .meta({ id: 'CodecPayloads', description: 'Protokol remote codec Temporal: metadata dan data dalam base64.' });
type JsonPayload = z.infer<typeof jsonPayloadSchema>;

const namespaceHeaders = z.object({ 'x-namespace': z.string().optional().meta({ description: 'Namespace Temporal (dikirim Web UI dan CLI).' }) });

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** Admins only, unless payloads use the public development key; and only this API's namespace. */
async function authorise(req: Request, deps: ApiDeps): Promise<void> {
  if (!deps.codecEndpoint?.withoutToken) {
    const user = await userOfRequest(req);
    if (user.role !== 'admin') throw forbidden('Hanya admin yang dapat membuka isi payload Temporal yang terenkripsi.');
  }
  const namespace = deps.temporal.options.namespace;
  // `temporal workflow show --codec-endpoint` sends the header empty.
  const asked = req.get('x-namespace') || undefined;
  if (asked !== undefined && asked !== namespace) throw forbidden(`Endpoint codec ini hanya untuk namespace "${namespace}".`);
}

/** Codecs run in order to encode and in reverse to decode, as the SDK does. */
async function runCodecs(codecs: readonly PayloadCodec[], direction: 'encode' | 'decode', payloads: Payload[]): Promise<Payload[]> {
  let result = payloads;
  for (const codec of direction === 'encode' ? codecs : [...codecs].reverse()) result = await codec[direction](result);
  return result;
}

function codecRoute(direction: 'encode' | 'decode'): RouteSpec {
  return defineRoute({
    method: 'post',
    path: `/codec/${direction}`,
    summary: direction === 'decode' ? 'Membuka enkripsi payload Temporal (untuk Web UI dan CLI)' : 'Mengenkripsi payload Temporal (untuk Web UI dan CLI)',
    description: 'Protokol remote codec Temporal. Dengan kunci pengembangan bawaan (KOLOKASI_PAYLOAD_KEYS tidak diisi) terbuka tanpa token; selain itu hanya admin.',
    tags: ['Sistem'],
    access: 'admin (Authorization: Bearer); tanpa token hanya dengan kunci pengembangan',
    authorisesItself: true,
    body: codecBodySchema,
    headers: namespaceHeaders,
    responses: { 200: { description: 'Payload yang sudah diproses, dalam urutan yang sama.', schema: codecBodySchema } },
    errors: [{ status: 403, codes: ['FORBIDDEN'], description: 'Bukan admin, atau namespace lain (X-Namespace).' }],
    async handle({ req, res, deps, body }) {
      await authorise(req, deps);
      const { payloads } = body<z.infer<typeof codecBodySchema>>();
      let coded: Payload[];
      try {
        coded = await runCodecs(deps.temporal.options.loadedDataConverter.payloadCodecs, direction, payloads.map(fromJson));
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw validationFailed({ payloads: (error as Error).message }, 'Payload tidak dapat diproses dengan kunci yang dikonfigurasi.');
      }
      res.json({ payloads: coded.map(toJson) });
    },
  });
}

export const codecRoutes: readonly RouteSpec[] = [codecRoute('decode'), codecRoute('encode')];

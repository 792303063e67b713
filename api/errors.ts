// One error shape for every failure the API answers, so a client handles errors in one place:
//   { "error": { "code", "message", "fields"?, "waitingFor"?, ... } }
// Messages are for people, in Bahasa Indonesia; codes and field paths are for programs.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { fieldsFromIssues } from '../shared/validationFields';
import { isOutage } from './outage';

export { fieldsFromIssues };

export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'LINK_INVALID',
  'FORBIDDEN',
  'CSRF',
  'NOT_FOUND',
  'OUT_OF_TURN',
  'CLOSED',
  'IDEMPOTENCY_CONFLICT',
  'INVENTORY_CONFLICT',
  'EMAIL_TAKEN',
  'USER_ID_TAKEN',
  'SELF_LOCKOUT',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'NOT_READY',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const waitingForSchema = z.object({
  stepId: z.string(),
  sopStep: z.string(),
  action: z.string(),
  role: z.string(),
  roleTitle: z.string(),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string().meta({ description: 'Untuk dibaca orang, dalam Bahasa Indonesia.' }),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'Satu pesan per kolom yang salah; kunci = jalur kolom, mis. "form.nip".' }),
    waitingFor: waitingForSchema.nullable().optional().meta({ description: 'Untuk OUT_OF_TURN: langkah dan peran yang sedang ditunggu permohonan.' }),
    decisionId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function validationFailed(fields: Record<string, string>, message = 'Data yang dikirim tidak valid; periksa kolom yang disebut.'): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', message, { fields });
}

/** Parses with a schema or throws a 400 naming every wrong field; nothing else happens first. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFailed(fieldsFromIssues(parsed.error.issues, prefix));
  return parsed.data;
}

export const notFound = (message = 'Permohonan tidak ditemukan.'): ApiError => new ApiError(404, 'NOT_FOUND', message);
export const forbidden = (message: string): ApiError => new ApiError(403, 'FORBIDDEN', message);

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'NOT_FOUND', `Alamat ${req.method} ${req.path} tidak dikenal. Lihat daftar endpoint di /docs.`));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Seconds a client should wait before retrying while a service is down. */
export const RETRY_AFTER_SECONDS = 5;

export const serviceUnavailable = (): ApiError =>
  new ApiError(503, 'SERVICE_UNAVAILABLE', 'Layanan pendukung (Temporal atau basis data) sedang tidak dapat dihubungi. Coba lagi sebentar lagi, dengan Idempotency-Key yang sama.');

export function errorHandler(log: (message: string, error: unknown) => void = console.error): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let apiError: ApiError;
    const parserError = error as BodyParserError;
    if (error instanceof ApiError) apiError = error;
    else if (parserError?.type === 'entity.parse.failed') apiError = new ApiError(400, 'MALFORMED_JSON', 'Isi permintaan bukan JSON yang sah.');
    else if (parserError?.type === 'entity.too.large') apiError = new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Isi permintaan terlalu besar (paling besar 1 MB).');
    else if (parserError?.status && parserError.status >= 400 && parserError.status < 500) apiError = new ApiError(400, 'VALIDATION_FAILED', 'Isi permintaan tidak dapat dibaca.');
    else if (isOutage(error)) {
      log(`[api] ${req.method} ${req.originalUrl}: a service is unreachable:`, error);
      apiError = serviceUnavailable();
    } else {
      log(`[api] ${req.method} ${req.originalUrl} failed:`, error);
      apiError = new ApiError(500, 'INTERNAL', 'Terjadi kesalahan pada server. Coba lagi (dengan Idempotency-Key yang sama) atau hubungi admin.');
    }
    if (apiError.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="kolokasi"');
    if (apiError.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(apiError.status).json(apiError.body());
  };
}

// A route is declared once — path, schemas, who may call it, handler — and both mounted on express
// and written into the OpenAPI document from that same declaration, so the docs cannot drift.
import express, { Request, Response } from 'express';
import { z } from 'zod';
import { authenticate, Caller, callerOf } from './auth';
import type { ApiDeps } from './deps';
import { ApiError, ErrorCode, parseOrThrow } from './errors';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteContext<P, Q> {
  req: Request;
  res: Response;
  deps: ApiDeps;
  params: P;
  query: Q;
  /** The authenticated caller (public routes have none and must not ask). */
  caller(): Caller;
  /** The JSON body, validated with the route's body schema: 400 naming each wrong field otherwise. */
  body<T>(schema?: z.ZodType<T>): T;
}

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

interface RouteDefinition<P, Q> {
  method: HttpMethod;
  /** OpenAPI style: /requests/{requestNumber}. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Who may call it, in words, for the docs. */
  access: string;
  /** Callable without a token. */
  public?: boolean;
  /** Authorises the caller in its handler (/codec: open with the development key); documented as needing a token. */
  authorisesItself?: boolean;
  params?: P;
  query?: Q;
  body?: z.ZodType;
  /** Request headers worth documenting (Idempotency-Key, act-as). */
  headers?: z.ZodObject;
  responses: Record<number, ResponseDoc>;
  /** Error answers this route can give besides 400/401/403 (documented with the error shape). */
  errors?: { status: number; codes: ErrorCode[]; description: string }[];
  handle(ctx: RouteContext<Out<P>, Out<Q>>): Promise<void>;
}

export type RouteSpec = RouteDefinition<z.ZodObject | undefined, z.ZodObject | undefined>;

export function defineRoute<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined>(
  definition: RouteDefinition<P, Q>,
): RouteSpec {
  return definition as unknown as RouteSpec;
}

export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

export function mountRoutes(router: express.Router, routes: readonly RouteSpec[], deps: ApiDeps): void {
  for (const spec of routes) {
    const handler = async (req: Request, res: Response): Promise<void> => {
      // A malformed path parameter names nothing that exists: answer as for an unknown one.
      const params = spec.params ? spec.params.safeParse(req.params) : { success: true as const, data: {} };
      if (!params.success) throw new ApiError(404, 'NOT_FOUND', 'Data yang diminta tidak ditemukan.');
      const query = spec.query ? parseOrThrow(spec.query, req.query) : {};
      await spec.handle({
        req,
        res,
        deps,
        params: params.data as never,
        query: query as never,
        caller: () => callerOf(req),
        body: <T>(schema?: z.ZodType<T>) => {
          const bodySchema = schema ?? spec.body;
          if (!bodySchema) return undefined as T;
          return parseOrThrow(bodySchema, req.body ?? {}) as T;
        },
      });
    };
    router[spec.method](expressPath(spec.path), ...(spec.public || spec.authorisesItself ? [] : [authenticate]), handler);
  }
}

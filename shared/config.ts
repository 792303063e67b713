// The one place environment variables are read. Every process (worker, API, scripts) validates
// its environment here, so a typo fails at start with the variable's name, not later with a timeout.
import { z } from 'zod';
import { DEVELOPMENT_PAYLOAD_KEYS, parsePayloadKeys, PayloadKeyError } from './payloadCodec';

const port = z.coerce.number().int().min(1).max(65535);

/** Keys that encrypt Temporal payloads: "keyId:base64key,..."; the first encrypts, all decrypt. */
export const payloadKeysSchema = z
  .string()
  .default(DEVELOPMENT_PAYLOAD_KEYS)
  .transform((text, ctx) => {
    try {
      return parsePayloadKeys(text);
    } catch (error) {
      if (!(error instanceof PayloadKeyError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

/** An issuer over plain http is accepted on this machine only (a Keycloak in development). */
const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

const OIDC_VARIABLES = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

export const configSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. localhost:7233').default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('kolokasi'),
  TEMPORAL_UI_URL: z.url().default('http://localhost:8233'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').default('mongodb://127.0.0.1:27017/kolokasi'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').default('smtp://127.0.0.1:1025'),
  MAIL_UI_URL: z.url().default('http://localhost:1080'),
  MAIL_FROM: z.string().min(3).default('Layanan Kolokasi Diskominfo <kolokasi@diskominfo.go.id>'),
  API_PORT: port.default(3000),
  API_PUBLIC_URL: z.url().optional(),
  KOLOKASI_PROFILE: z.string().min(1).default('cirebon'),
  KOLOKASI_DATA_DIR: z.string().min(1).default('data'),
  // Ports of the services `npm start` starts itself (those whose address above is not given).
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  MONGODB_PORT: port.default(27017),
  SMTP_PORT: port.default(1025),
  MAIL_UI_PORT: port.default(1080),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // Workflow runs the worker keeps in memory: each costs several MiB, one evicted is replayed from history.
  KOLOKASI_WORKFLOW_CACHE: z.coerce.number().int().min(1).max(10_000).default(40),
  // The heap of the worker's workflow thread, in MiB: V8 collects late below its limit, so the
  // limit, not the cached runs, sets how much memory the thread takes.
  KOLOKASI_WORKFLOW_HEAP_MB: z.coerce.number().int().min(128).max(16_384).default(256),
  // The Temporal UI's stack trace of a waiting case. The worker's workflow thread reads the variable
  // itself (patches/@temporalio+worker+*.patch); it is checked here so a typo stops the worker.
  KOLOKASI_WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
  KOLOKASI_PAYLOAD_KEYS: payloadKeysSchema,
  // Sign-in through the agency's identity provider (Keycloak, ...): all three, or none.
  OIDC_ISSUER_URL: z
    .url()
    .refine((url) => URL.canParse(url) && (new URL(url).protocol === 'https:' || isLoopbackHost(new URL(url).hostname)), 'must be https:// (http:// only for localhost)')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
}).superRefine((config, ctx) => {
  const given = OIDC_VARIABLES.filter((name) => config[name] !== undefined);
  if (given.length === 0 || given.length === OIDC_VARIABLES.length) return;
  for (const name of OIDC_VARIABLES.filter((n) => config[n] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `OIDC sign-in needs ${OIDC_VARIABLES.join(', ')} together: ${given.join(', ')} given, this one missing` });
  }
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Variables whose value is a secret: a wrong one is named, never printed. */
const secretVariables = new Set(['KOLOKASI_PAYLOAD_KEYS', 'OIDC_CLIENT_SECRET']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, the way shells and compose files usually mean them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const shown = secretVariables.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
      return `  ${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** For process entry points: a bad environment prints what is wrong and exits non-zero. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Where people reach the API: the links it emails and the OIDC redirect point there. */
export function apiPublicUrl(config: Config): string {
  return (config.API_PUBLIC_URL ?? `http://localhost:${config.API_PORT}`).replace(/\/+$/, '');
}

export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The identity provider people may sign in with; null when none is configured. */
export function oidcSettings(config: Config): OidcSettings | null {
  const { OIDC_ISSUER_URL: issuerUrl, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  return issuerUrl && clientId && clientSecret ? { issuerUrl, clientId, clientSecret } : null;
}

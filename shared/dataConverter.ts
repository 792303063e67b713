// The one data converter every Temporal client and worker of Kolokasi uses (worker, API, scripts,
// tests): payloads go through the AES-GCM codec, so nothing personal is stored in plain text.
import type { DataConverter } from '@temporalio/common';
import { loadConfig } from './config';
import { AesGcmPayloadCodec, PayloadKey } from './payloadCodec';

/** A prebuilt workflow bundle must be built with it too (bundleWorkflowCode's failureConverterPath). */
export const failureConverterPath = require.resolve('./failureConverter');

export function kolokasiDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath };
}

/** With the keys of KOLOKASI_PAYLOAD_KEYS (the development key when unset), validated as at start. */
export function dataConverterFromEnv(env: NodeJS.ProcessEnv = process.env): DataConverter {
  return kolokasiDataConverter(loadConfig(env).KOLOKASI_PAYLOAD_KEYS);
}

// Payload encryption with key rotation: the first key encrypts, every key decrypts, payloads from
// before encryption pass through, and a payload whose key is gone fails naming the key.
import { ApplicationFailure, defaultPayloadConverter, Payload } from '@temporalio/common';
import { decodeOptionalFailureToOptionalError, encodeErrorToFailure } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/data-converter-helpers';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../shared/config';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { AesGcmPayloadCodec, KEY_ID_METADATA, parsePayloadKeys, PayloadKeyError } from '../../shared/payloadCodec';

const keyText = (id: string): string => `${id}:${randomBytes(32).toString('base64')}`;
const form = { nip: '198503152010012003', contactNumber: '+62 231 123456', unitAddress: 'Jl. Sunan Drajat No. 1' };
const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload | undefined): unknown => defaultPayloadConverter.fromPayload(payload!);
const keyIdOf = (payload: Payload | undefined): string => Buffer.from(payload!.metadata![KEY_ID_METADATA]!).toString();

test('a payload encrypted with the old key still decodes after rotation, and new payloads use the new key', async () => {
  const old = keyText('2026-01');
  const fresh = keyText('2026-07');
  const before = new AesGcmPayloadCodec(loadConfig({ KOLOKASI_PAYLOAD_KEYS: old }).KOLOKASI_PAYLOAD_KEYS);
  const [sealedWithOld] = await before.encode([toPayload(form)]);
  expect(keyIdOf(sealedWithOld)).toBe('2026-01');
  expect(Buffer.from(sealedWithOld!.data!).toString('latin1')).not.toContain(form.nip);

  const rotated = new AesGcmPayloadCodec(loadConfig({ KOLOKASI_PAYLOAD_KEYS: `${fresh},${old}` }).KOLOKASI_PAYLOAD_KEYS);
  expect(fromPayload((await rotated.decode([sealedWithOld!]))[0])).toEqual(form);
  const [sealedWithNew] = await rotated.encode([toPayload(form)]);
  expect(keyIdOf(sealedWithNew)).toBe('2026-07');
  expect(fromPayload((await rotated.decode([sealedWithNew!]))[0])).toEqual(form);
});

test('a payload whose key is no longer configured fails naming that key', async () => {
  const [sealed] = await new AesGcmPayloadCodec(parsePayloadKeys(keyText('retired'))).encode([toPayload(form)]);
  const withoutIt = new AesGcmPayloadCodec(parsePayloadKeys(keyText('current')));
  await expect(withoutIt.decode([sealed!])).rejects.toThrow(PayloadKeyError);
  await expect(withoutIt.decode([sealed!])).rejects.toThrow(/encrypted with key "retired", which is not in KOLOKASI_PAYLOAD_KEYS \(known: current\)/);
});

test('the same key id with other key bytes, or an altered payload, fails instead of giving garbage', async () => {
  const [sealed] = await new AesGcmPayloadCodec(parsePayloadKeys(keyText('k1'))).encode([toPayload(form)]);
  await expect(new AesGcmPayloadCodec(parsePayloadKeys(keyText('k1'))).decode([sealed!])).rejects.toThrow(/does not decrypt with that key/);
});

test('payloads that were never encrypted (histories from before) decode unchanged', async () => {
  const plain = toPayload(form);
  const [decoded] = await new AesGcmPayloadCodec(parsePayloadKeys(keyText('k1'))).decode([plain]);
  expect(decoded).toBe(plain);
});

test('each encryption of the same value differs (a fresh IV each time)', async () => {
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(keyText('k1')));
  const [a, b] = await codec.encode([toPayload(form), toPayload(form)]);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

test('a malformed KOLOKASI_PAYLOAD_KEYS stops the process naming the variable, never printing the key', () => {
  const cases: [string, RegExp][] = [
    ['just-a-key', /key 1 must be keyId:base64key/],
    ['k1:c2hvcnQ=', /key "k1" must be 32 bytes in base64/],
    [`${keyText('k1')},${keyText('k1')}`, /key id "k1" is given twice/],
  ];
  for (const [value, message] of cases) {
    let error: unknown;
    try {
      loadConfig({ KOLOKASI_PAYLOAD_KEYS: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/KOLOKASI_PAYLOAD_KEYS=\(hidden\)/);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(value);
  }
});

test('without KOLOKASI_PAYLOAD_KEYS the development key encrypts', () => {
  expect(loadConfig({}).KOLOKASI_PAYLOAD_KEYS.map((k) => k.id)).toEqual(['dev']);
});

test('a failure message (which may quote what a person typed) is encrypted, and decodes back', async () => {
  const converter = loadDataConverter(dataConverterFromEnv({}));
  const message = '501 Bad recipient address syntax: siti.rahmawati@dinkes.example.go.id';
  const failure = await encodeErrorToFailure(converter, ApplicationFailure.nonRetryable(message, 'SmtpRefused'));
  const bytes = Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish());
  expect(bytes.includes(Buffer.from('siti.rahmawati'))).toBe(false);
  const decoded = await decodeOptionalFailureToOptionalError(converter, failure);
  expect(decoded?.message).toBe(message);
});

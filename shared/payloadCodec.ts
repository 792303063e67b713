// Encrypts every payload Temporal stores (workflow inputs, activity arguments and results, update
// arguments, memos) with AES-256-GCM, so the NIP, phone, address and names in a case are not
// readable in the Web UI or `temporal workflow show` without the key.
//
// A keyring is ordered: the first key encrypts, every key decrypts, so a key is rotated by putting
// the new one first and keeping the old one until no open case's history needs it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export interface PayloadKey {
  /** Written into each payload's metadata, so decoding finds the key it was encrypted with. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * The key `npm start` and the tests use when KOLOKASI_PAYLOAD_KEYS is unset. It is public (it is in
 * this repository), so it protects nothing: production must set its own keys.
 */
export const DEVELOPMENT_PAYLOAD_KEYS = 'dev:o7Yg4R3Nwp/emTi4mTuJ1K3rhG/KbW6j4Pfh+6g6Gv8=';

export class PayloadKeyError extends Error {}

const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** "id:base64,id:base64": the format of KOLOKASI_PAYLOAD_KEYS. Throws PayloadKeyError naming what is wrong. */
export function parsePayloadKeys(text: string): PayloadKey[] {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new PayloadKeyError('needs at least one key, as keyId:base64key');
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const encoded = colon < 0 ? '' : entry.slice(colon + 1);
    if (!keyIdPattern.test(id)) throw new PayloadKeyError(`key ${index + 1} must be keyId:base64key, the id made of letters, digits, ".", "_" or "-" (at most 64)`);
    const key = Buffer.from(encoded, 'base64');
    // Buffer.from skips what is not base64; comparing back catches a truncated or mistyped key.
    if (key.length !== KEY_BYTES || key.toString('base64') !== encoded) {
      throw new PayloadKeyError(`key "${id}" must be 32 bytes in base64 (e.g. from: openssl rand -base64 32)`);
    }
    return { id, key };
  });
  const ids = keys.map((k) => k.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new PayloadKeyError(`key id "${repeated}" is given twice`);
  return keys;
}

/** Whether payloads are being encrypted with the public development key. */
export function encryptsWithDevelopmentKey(keys: readonly PayloadKey[]): boolean {
  const development = parsePayloadKeys(DEVELOPMENT_PAYLOAD_KEYS)[0];
  return !!development && !!keys[0]?.key.equals(development.key);
}

const utf8 = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: ReadonlyMap<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    const [current] = keys;
    if (!current) throw new PayloadKeyError('needs at least one key');
    this.current = current;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  /** Payloads that were never encrypted (histories from before encryption) pass through unchanged. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (utf8(payload.metadata?.encoding) === ENCRYPTED_ENCODING ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, key, iv);
    // The key id is authenticated too: a payload relabelled with another key id fails to decrypt.
    cipher.setAAD(Buffer.from(id, 'utf8'));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(id) }, data: sealed };
  }

  private decrypt(payload: Payload): Payload {
    const id = utf8(payload.metadata?.[KEY_ID_METADATA]);
    if (!id) throw new PayloadKeyError(`an encrypted payload has no "${KEY_ID_METADATA}" metadata`);
    const key = this.byId.get(id);
    if (!key) {
      throw new PayloadKeyError(`a payload is encrypted with key "${id}", which is not in KOLOKASI_PAYLOAD_KEYS (known: ${[...this.byId.keys()].join(', ')})`);
    }
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new PayloadKeyError(`an encrypted payload (key "${id}") is too short to be one`);
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadKeyError(`a payload labelled with key "${id}" does not decrypt with that key: the key's bytes differ from the ones it was encrypted with, or the payload was altered`);
    }
    return temporal.api.common.v1.Payload.decode(plain) as Payload;
  }
}

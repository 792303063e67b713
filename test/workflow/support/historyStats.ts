// What a case's history holds: events by type, its size as Temporal stores it, and the text of its
// payloads (to check what a person typed is kept once, not copied into every save).
import { temporal } from '@temporalio/proto';
import { dataConverterFromEnv } from '../../../shared/dataConverter';

type History = temporal.api.history.v1.IHistory;

export function eventCounts(history: History): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const name = temporal.api.enums.v1.EventType[event.eventType ?? 0]!.replace(/^EVENT_TYPE_/, '');
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** The encoded size Temporal's limits apply to. */
export function historyBytes(history: History): number {
  return temporal.api.history.v1.History.encode(history).finish().length;
}

type Payload = temporal.api.common.v1.IPayload;

function isPayload(value: object): value is Payload {
  return 'data' in value && value.data instanceof Uint8Array && 'metadata' in value;
}

function collectPayloads(value: unknown, found: Payload[]): Payload[] {
  if (Array.isArray(value)) for (const item of value) collectPayloads(item, found);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    if (isPayload(value)) found.push(value);
    else for (const item of Object.values(value)) collectPayloads(item, found);
  }
  return found;
}

/** Every payload's data in the history, decrypted with the run's payload codec, as text. */
export async function payloadTexts(history: History): Promise<string[]> {
  const codecs = dataConverterFromEnv().payloadCodecs ?? [];
  let payloads = collectPayloads(history, []);
  for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
  return payloads.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'));
}

/** Bytes of the local activity markers (the case's commits and capacity work), by activity type. */
export function markerBytes(history: History): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const marker = event.markerRecordedEventAttributes;
    if (!marker) continue;
    const data = marker.details?.data?.payloads?.[0]?.data;
    const type = data ? ((JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }).activity_type ?? marker.markerName!) : marker.markerName!;
    bytes[type] = (bytes[type] ?? 0) + temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
  }
  return bytes;
}

export function summary(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${total} events (${Object.entries(counts).map(([k, v]) => `${k.toLowerCase()} ${v}`).join(', ')})`;
}

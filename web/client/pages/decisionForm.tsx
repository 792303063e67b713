// The form of the action a case waits for, generated from that action's payload schema. Prefilled
// from what the case already knows (the submitted form, the proposed placement, the servers), so a
// person confirms or corrects rather than retypes.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { z } from 'zod';
import { decisionPayloadSchemas } from '../../../shared/decisionPayloads';
import { api, newIdempotencyKey } from '../api';
import { actionTitles } from '../labels';
import { SchemaForm } from '../schemaForm';
import { ErrorBox, useSend } from '../ui';
import type { RequestView } from './casePage';

type Kind = keyof typeof decisionPayloadSchemas;

const isKind = (kind: string): kind is Kind => Object.hasOwn(decisionPayloadSchemas, kind);

/** Strings all the way down: what the inputs hold. */
function asInputs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asInputs);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asInputs(v)]));
  return value === undefined || value === null ? '' : String(value);
}

function initialFor(kind: Kind, view: RequestView): Record<string, unknown> {
  const submission = view.submission as { form?: Record<string, unknown>; servers?: { name: string }[] } | undefined;
  const approved = [...view.timeline].reverse().find((d) => d.kind === 'approval')?.payload as { form?: { serialNumber?: string; typeAndBrand?: string } } | undefined;
  switch (kind) {
    case 'applicationForm':
      return submission?.form ? { form: asInputs(submission.form) } : {};
    case 'specVerification':
      return {
        result: 'match',
        servers: (submission?.servers ?? []).map((s) => ({ name: s.name, serialNumber: approved?.form?.serialNumber ?? '', typeAndBrand: approved?.form?.typeAndBrand ?? '' })),
      };
    case 'capacityCheck': {
      const placement = view.capacity?.proposal?.placement;
      return placement ? { outcome: 'confirm', placement: asInputs({ rackId: placement.rackId, startUnit: placement.startUnit, ipAddress: placement.ipAddress }) } : {};
    }
    case 'installation':
      return view.capacity?.reservation?.ipAddress ? { ipAddress: view.capacity.reservation.ipAddress } : {};
    case 'approval':
      return { form: asInputs({ domain: view.domain ?? undefined, ipAddress: view.capacity?.reservation?.ipAddress }) };
    default:
      return {};
  }
}

export function DecisionForm({ view, href, onDone }: { view: RequestView; href: string; onDone(): void }): JSX.Element | null {
  const kind = view.waitingFor?.kind ?? '';
  // A new key for each action the case waits for: a double click sends one decision, not two.
  const key = useMemo(newIdempotencyKey, [view.waitingFor?.stepId, kind, view.revision]);
  const { busy, failure, send } = useSend(async (payload: unknown) => {
    await api('POST', href, payload, { 'Idempotency-Key': key });
    onDone();
  });
  if (!isKind(kind)) return null;

  return (
    <section class="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{actionTitles[kind] ?? kind}</h2>
      <p class="muted">{view.waitingFor?.action}</p>
      <ErrorBox error={failure} />
      <SchemaForm key={key} schema={decisionPayloadSchemas[kind] as z.ZodType<unknown>} initial={initialFor(kind, view)} labelContext={kind} submitLabel="Kirim keputusan" busy={busy} serverFields={failure?.fields} onSubmit={send} testId={`decision-${kind}`} />
    </section>
  );
}

// What each decision and automatic action does to the case: capacity, reservations, records and
// letters to the applicant.
import type { Decision, DecisionPayload } from '../../shared/decisions';
import type { HumanActionKind, ProfileAction, ProfileStep } from '../../shared/profile/schema';
import type { CaseBook } from './caseBook';

export type StepOutcome = 'done' | 'mismatch' | 'closed';

function placementText(book: CaseBook): string | undefined {
  const r = book.state.capacity.reservation;
  return r && `${r.rackName} (${r.noc}, ${r.location}) U${r.startUnit}-U${r.startUnit + r.units - 1}`;
}

export async function startCapacityCheck(book: CaseBook, step: ProfileStep): Promise<void> {
  const proposal = await book.run('checkInfrastructureCapacity', `Langkah ${step.sopStep}: mengecek ketersediaan kapasitas infrastruktur`, book.state.submission.needs);
  book.state.capacity.proposal = proposal;
  book.audit('capacityProposed', { stepId: step.id, sopStep: step.sopStep, details: proposal });
}

function laterApprovalLetter(book: CaseBook, step: ProfileStep): boolean {
  const { steps } = book.profile;
  return steps.slice(steps.indexOf(step)).some((s) => s.actions.some((a) => a.kind === 'notifyApplicant' && (a.notification === 'approved' || a.notification === 'replyLetter')));
}

function isLastApproval(book: CaseBook, step: ProfileStep, decision: Decision): boolean {
  const approvals = book.profile.steps.flatMap((s) => s.actions.filter((a) => a.kind === 'approval').map((a) => ({ s, by: a.by ?? s.performer })));
  const last = approvals.at(-1);
  return !!last && last.s === step && last.by === decision.actor.role;
}

async function approve(book: CaseBook, step: ProfileStep, decision: Decision, payload: Extract<DecisionPayload<'approval'>, { decision: 'approve' }>): Promise<StepOutcome> {
  const { capacity, submission, requestNumber } = book.state;
  if (payload.form) book.state.approvalForm = payload.form;
  // The first approval commits the data center's capacity; a later rejection or withdrawal releases it.
  if (!capacity.reservation && capacity.placement) {
    const result = await book.run('reserveCapacity', `Langkah ${step.sopStep}: mencadangkan kapasitas`, {
      reservationId: requestNumber,
      needs: submission.needs,
      placement: { ...capacity.placement, ipAddress: payload.form?.ipAddress ?? capacity.placement.ipAddress },
    });
    if (!result.ok) {
      capacity.outcome = 'unavailable';
      book.audit('reservationFailed', { stepId: step.id, sopStep: step.sopStep, details: { reason: result.reason } });
      book.close('noCapacity', result.reason);
      return 'closed';
    }
    capacity.reservation = result.reservation;
    book.audit('capacityReserved', { stepId: step.id, sopStep: step.sopStep, details: result.reservation });
  }
  if (isLastApproval(book, step, decision) && !laterApprovalLetter(book, step)) {
    await book.flush();
    await notifyApproved(book, step, payload.consideration);
  }
  return 'done';
}

async function notifyApproved(book: CaseBook, step: ProfileStep | null, consideration?: string): Promise<void> {
  book.notified.add('approved');
  await book.email([{ applicant: true }], { template: 'approved', location: placementText(book), ipAddress: book.state.capacity.reservation?.ipAddress, consideration }, `Langkah ${step?.sopStep ?? '-'}: menginformasikan persetujuan kepada pemohon`);
}

export async function applyDecision(book: CaseBook, step: ProfileStep, kind: HumanActionKind, decision: Decision): Promise<StepOutcome> {
  const { state } = book;
  switch (kind) {
    case 'capacityCheck': {
      const payload = decision.payload as DecisionPayload<'capacityCheck'>;
      if (payload.outcome === 'unavailable') {
        state.capacity.outcome = 'unavailable';
      } else {
        const proposed = state.capacity.proposal?.placement;
        state.capacity.placement = payload.outcome === 'override' ? payload.placement : proposed && { rackId: proposed.rackId, startUnit: proposed.startUnit, ipAddress: proposed.ipAddress };
        state.capacity.outcome = 'available';
      }
      return 'done';
    }
    case 'applicationForm': {
      const payload = decision.payload as DecisionPayload<'applicationForm'>;
      if (payload.form) {
        state.submission = { ...state.submission, form: payload.form };
        state.applicantUnit = payload.form.unitName;
      }
      return 'done';
    }
    case 'approval': {
      const payload = decision.payload as DecisionPayload<'approval'>;
      if (payload.decision === 'reject') {
        book.close('rejected', payload.consideration);
        return 'closed';
      }
      return approve(book, step, decision, payload);
    }
    case 'specVerification': {
      const payload = decision.payload as DecisionPayload<'specVerification'>;
      if (payload.result === 'match') return 'done';
      const returnTo = book.profile.steps.find((s) => s.id === book.profile.branches.specMismatchReturnsTo)!;
      await book.flush();
      await book.email([{ applicant: true }], { template: 'specMismatch', reasons: payload.reasons, returnTo: book.stepRef(returnTo) }, `Langkah ${step.sopStep}: spesifikasi tidak sesuai, kembali ke pemohon`);
      return 'mismatch';
    }
    case 'installation': {
      const payload = decision.payload as DecisionPayload<'installation'>;
      const reservation = await book.run('markCapacityInstalled', `Langkah ${step.sopStep}: pemasangan server, alamat IP dan monitoring`, state.requestNumber);
      state.capacity.reservation = reservation;
      state.installation = { ipAddress: reservation.ipAddress, monitoringId: payload.monitoringId, rackId: reservation.rackId, startUnit: reservation.startUnit, units: reservation.units, at: new Date(Date.now()).toISOString() };
      return 'done';
    }
    case 'handover': {
      const payload = decision.payload as DecisionPayload<'handover'>;
      const installation = state.installation;
      if (!installation) throw new Error('handover before installation: the profile orders installation first');
      const verified = [...state.decisions].reverse().find((d) => d.kind === 'specVerification');
      const servers = (verified?.payload as { servers?: { name: string; serialNumber: string; typeAndBrand: string }[] } | undefined)?.servers ?? [];
      const result = await book.run('issueHandoverMinutesAndRegisterAssets', `Langkah ${step.sopStep}: berita acara serah terima dan aset register`, {
        requestNumber: state.requestNumber,
        agency: book.profile.agency.name,
        at: new Date(Date.now()).toISOString(),
        form: state.submission.form,
        servers: state.submission.servers,
        verified: servers,
        placement: { rackId: installation.rackId, startUnit: installation.startUnit, units: installation.units, ipAddress: installation.ipAddress },
        monitoringId: installation.monitoringId,
        handedOverBy: payload.handedOverBy,
        receivedBy: payload.receivedBy,
      });
      state.handover = { bastNumber: result.bastNumber, at: new Date(Date.now()).toISOString() };
      book.audit('assetsRegistered', { stepId: step.id, sopStep: step.sopStep, details: result });
      return 'done';
    }
    default:
      return 'done';
  }
}

export async function runAutomaticAction(book: CaseBook, step: ProfileStep | null, action: ProfileAction): Promise<void> {
  const applicant = [{ applicant: true as const }];
  const label = `Langkah ${step?.sopStep ?? '-'}: ${action.label}`;
  if (action.kind === 'completionReport') {
    book.notified.add('completed');
    const { installation, handover, submission } = book.state;
    await book.email(applicant, { template: 'completed', domain: submission.form.domain, ipAddress: installation?.ipAddress, location: placementText(book), bastNumber: handover?.bastNumber }, label, [{ role: 'kabid' }]);
  } else if (action.notification === 'approved') {
    await notifyApproved(book, step);
  } else if (action.notification === 'replyLetter') {
    book.notified.add('replyLetter');
    await book.email(applicant, { template: 'replyLetter', accepted: book.state.capacity.outcome === 'available' }, label);
  } else if (action.notification === 'noCapacity') {
    book.notified.add('noCapacity');
    const reasons = book.state.capacity.proposal?.shortages ?? [];
    await book.email(applicant, { template: 'noCapacity', reasons: reasons.length ? reasons : [book.state.closeReason ?? 'Kapasitas tidak mencukupi'] }, label);
  }
  book.audit(`automatic:${action.kind}`, { stepId: step?.id, sopStep: step?.sopStep, details: { notification: action.notification } });
}

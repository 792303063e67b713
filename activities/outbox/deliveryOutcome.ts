// What one attempt to send an email means for each recipient: delivered, refused for good, or worth
// another try. Only a refusal of the recipient or of the message itself is final; anything that
// says the server, the network or our own configuration is at fault is tried again later, since
// marking every email refused while the sender is misconfigured would lose all of them.
import type { SendReport } from '../mailer';

export interface Refusal {
  address: string;
  response: string;
}

export interface DeliveryOutcome {
  delivered: string[];
  refused: Refusal[];
  /** Why the recipients neither delivered nor refused should be tried again; undefined when none are left. */
  retryBecause?: string;
}

interface SmtpError {
  message?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  recipient?: string;
  rejectedErrors?: SmtpError[];
}

/** 5xx is a final answer, except 503 (bad sequence of commands: a client or session fault, worth a new session). */
export function isPermanentReply(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

/** The classification of a send that resolved (`report`) or threw (`error`), over the recipients tried. */
export function deliveryOutcome(recipients: string[], result: { report: SendReport } | { error: unknown }): DeliveryOutcome {
  if ('report' in result) {
    return perRecipient(recipients, result.report.accepted, result.report.rejected.map((r) => ({ recipient: r.address, response: r.response, responseCode: r.responseCode })));
  }
  const error = (result.error ?? {}) as SmtpError;
  // Every recipient was rejected: nodemailer throws, with each recipient's own answer.
  if (error.rejectedErrors?.length) return perRecipient(recipients, [], error.rejectedErrors);
  // The server refused the message itself after accepting its recipients (e.g. 554 on DATA).
  if (error.command === 'DATA' && isPermanentReply(error.responseCode)) {
    return { delivered: [], refused: recipients.map((address) => ({ address, response: describe(error) })) };
  }
  // Connection refused or timed out, 4xx, a refused sender (MAIL FROM) or failed login: not the recipients' fault.
  return { delivered: [], refused: [], retryBecause: describe(error) };
}

function perRecipient(recipients: string[], accepted: string[], rejections: SmtpError[]): DeliveryOutcome {
  const refused: Refusal[] = [];
  const deferred: string[] = [];
  for (const r of rejections) {
    if (isPermanentReply(r.responseCode) && r.recipient) refused.push({ address: r.recipient, response: describe(r) });
    else deferred.push(describe(r));
  }
  const settled = new Set([...accepted, ...refused.map((r) => r.address)]);
  const unaccounted = recipients.filter((a) => !settled.has(a));
  const retryBecause = unaccounted.length ? (deferred[0] ?? 'server tidak menjawab untuk sebagian penerima') : undefined;
  return { delivered: accepted, refused, ...(retryBecause ? { retryBecause } : {}) };
}

function describe(error: SmtpError): string {
  return (error.response ?? [error.code, error.message].filter(Boolean).join(' ')) || 'kesalahan tidak dikenal';
}

// What must hold after any fault: each email sent once, and no two holds on one rack unit or address.
import { Reservation } from '../../../shared/db/capacity';
import { listEmails, receivedMessageId } from '../../support/mailbox';

export interface EmailCount {
  total: number;
  /** Message-IDs (from the email's meaning) received more than once. */
  duplicated: string[];
}

export async function countEmails(mailApiUrl: string): Promise<EmailCount> {
  const emails = await listEmails(mailApiUrl);
  const seen = new Map<string, number>();
  for (const e of emails) {
    const id = receivedMessageId(e) || e.id;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return { total: emails.length, duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id) };
}

export interface BookingCheck {
  holding: number;
  /** "R01 U7" or an address held by more than one reservation. */
  doubleBooked: string[];
}

export async function checkBookings(): Promise<BookingCheck> {
  const holding = await Reservation.find({ status: { $ne: 'released' } }).lean();
  const owners = new Map<string, string[]>();
  const hold = (what: string, by: string): void => void owners.set(what, [...(owners.get(what) ?? []), by]);
  for (const r of holding) {
    for (let u = r.startUnit; u < r.startUnit + r.units; u++) hold(`${r.rackId} U${u}`, r._id);
    if (r.ipAddress) hold(r.ipAddress, r._id);
  }
  return { holding: holding.length, doubleBooked: [...owners].filter(([, by]) => by.length > 1).map(([what, by]) => `${what}: ${by.join(', ')}`) };
}

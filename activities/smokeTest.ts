import { SmokeCheck } from '../shared/db/smokeCheck';
import type { Mailer } from './mailer';

export interface SmokeTestInput {
  id: string;
  note: string;
  emailTo: string;
}

/** Writes a document, reads it back and emails what was read: one pass through every real service. */
export function createSmokeTestActivities(deps: { mailer: Mailer }) {
  return {
    async recordAndAnnounceSmokeTest(input: SmokeTestInput): Promise<string> {
      await SmokeCheck.updateOne(
        { _id: input.id },
        { $setOnInsert: { note: input.note, emailedTo: input.emailTo, createdAt: new Date() } },
        { upsert: true },
      );
      const stored = await SmokeCheck.findById(input.id).lean();
      if (!stored) throw new Error(`smoke check ${input.id} was not stored`);
      await deps.mailer.send({
        to: input.emailTo,
        subject: `Uji sistem Kolokasi ${input.id}`,
        text: `Catatan tersimpan: ${stored.note}`,
        messageId: `<smoke-${input.id}@kolokasi>`,
      });
      return stored.note;
    },
  };
}

import { Schema, model } from 'mongoose';

/**
 * One document per request number ever handed out. Inserting it is the moment a number becomes a
 * request's: the unique _id makes two callers holding the same number impossible, whatever the
 * counter said (FerretDB 1.24 does not make read-modify-write updates atomic; see capacityLock.ts).
 */
const requestNumberClaimSchema = new Schema({
  _id: { type: String, required: true },
  /** The submission: `${userId}:key:${Idempotency-Key}`, or `${userId}:once:${uuid}` when it has no key. */
  claimedBy: { type: String, required: true },
  claimedAt: { type: Date, required: true },
});

export const RequestNumberClaim = model('RequestNumberClaim', requestNumberClaimSchema, 'request_numbers');

/**
 * Which number a submission was given, keyed by the submission itself: a resend finds its number by
 * _id, the one lookup FerretDB answers from an index, where a query on `claimedBy` decoded every
 * number ever handed out, inside the allocation's turn (it capped submissions as numbers grew).
 */
const requestNumberClaimantSchema = new Schema({
  /** The submission, as `claimedBy` above. */
  _id: { type: String, required: true },
  requestNumber: { type: String, required: true },
});

export const RequestNumberClaimant = model('RequestNumberClaimant', requestNumberClaimantSchema, 'request_number_claimants');

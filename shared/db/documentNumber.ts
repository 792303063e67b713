import { Schema, model } from 'mongoose';

/**
 * One row per document number ever given: `_id` = `${profileId}/${year}/${seq}`. Inserting it is
 * the moment a number becomes a document's: the unique _id makes two documents with one number
 * impossible, where FerretDB 1.24 does not make a counter's read-modify-write atomic.
 */
const documentNumberSlotSchema = new Schema({
  _id: { type: String, required: true },
  documentId: { type: String, required: true },
  claimedAt: { type: Date, required: true },
});
export const DocumentNumberSlot = model('DocumentNumberSlot', documentNumberSlotSchema, 'document_number_slots');

/**
 * Which number a document holds, by the document's id. Inserted before any slot is taken, without
 * a number: whoever inserts it is the one claimant of that document, so a retry running beside the
 * first attempt waits for its number instead of taking a second one (which would leave a gap).
 */
const documentNumberHolderSchema = new Schema({
  _id: { type: String, required: true },
  scope: { type: String, required: true },
  seq: { type: Number },
  claimedAt: { type: Date, required: true },
});
export const DocumentNumberHolder = model('DocumentNumberHolder', documentNumberHolderSchema, 'document_number_holders');

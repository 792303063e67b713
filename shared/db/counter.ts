import { Schema, model } from 'mongoose';

/** Sequences, e.g. the request numbers of one profile code and year: `_id` = "CRB-2026". */
const counterSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
});

export const Counter = model('Counter', counterSchema, 'counters');

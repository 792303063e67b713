import { Schema, model } from 'mongoose';

/** A record written by the stack smoke test: proves the worker can write and read MongoDB. */
const smokeCheckSchema = new Schema({
  _id: { type: String, required: true },
  note: { type: String, required: true },
  emailedTo: { type: String, required: true },
  createdAt: { type: Date, required: true },
});

export const SmokeCheck = model('SmokeCheck', smokeCheckSchema, 'smoke_checks');

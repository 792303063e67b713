// Writes that arrive together go to the store together, and each writer still hears only about its
// own write: concurrent inserts and updates all land, in fewer commands than writes; a duplicate
// in a group is answered to the writer whose document it is; a group the store refuses is tried
// write by write, so one bad write does not fail the others.
import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { insertGrouped, writeGrouped } from '../../shared/db/groupedWrites';

const collection = () => mongoose.connection.db!.collection('grouped_writes_test');
const commands: CommandStartedEvent[] = [];
const record = (event: CommandStartedEvent) => commands.push(event);
const sent = (name: string) => commands.filter((c) => c.commandName === name && c.command[name] === 'grouped_writes_test').length;

beforeAll(async () => {
  await mongoose.connect(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_grouped_writes'), { monitorCommands: true });
  mongoose.connection.getClient().on('commandStarted', record);
});
afterAll(async () => {
  mongoose.connection.getClient().off('commandStarted', record);
  await mongoose.disconnect();
});
beforeEach(async () => {
  await collection().deleteMany({});
  commands.length = 0;
});

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
/** The ids each command of that name carried, in the order sent. */
const carried = (name: 'insert' | 'update') =>
  commands
    .filter((c) => c.commandName === name && c.command[name] === 'grouped_writes_test')
    .map((c) => (name === 'insert' ? (c.command.documents as { _id: string }[]).map((d) => d._id) : (c.command.updates as { q: { _id: string } }[]).map((u) => u.q._id)));
/** Whether `id` went in a command together with other writes (the first write goes alone: nothing was on its way). */
const wentInAGroup = (name: 'insert' | 'update', id: string) => carried(name).some((group) => group.length > 1 && group.includes(id));

test('forty concurrent inserts all land, in fewer commands than writes, and none is reported a duplicate', async () => {
  const outcomes = await Promise.all(ids('a', 40).map((_id) => insertGrouped(collection(), [{ _id, n: 1 }])));
  expect(outcomes.flat()).toEqual(Array(40).fill('inserted'));
  expect(await collection().countDocuments({})).toBe(40);
  expect(sent('insert')).toBeLessThan(40);
  console.log(`[grouped writes] 40 concurrent inserts went in ${sent('insert')} insert commands`);
});

test('a duplicate in a group is answered to its own writer only; absent optional fields are left out, not null', async () => {
  await collection().insertOne({ _id: 'b-3' as never, first: true });
  const outcomes = await Promise.all(ids('b', 6).map((_id) => insertGrouped(collection(), [{ _id, optional: undefined }])));
  expect(outcomes.flat()).toEqual(['inserted', 'inserted', 'inserted', 'duplicate', 'inserted', 'inserted']);
  expect(wentInAGroup('insert', 'b-3')).toBe(true);
  expect(await collection().findOne({ _id: 'b-3' as never })).toEqual({ _id: 'b-3', first: true });
  expect(await collection().findOne({ _id: 'b-0' as never })).toEqual({ _id: 'b-0' });
});

test('concurrent updates and replacements by _id all land, in fewer commands than writes', async () => {
  await collection().insertMany(ids('c', 30).map((_id) => ({ _id: _id as never, n: 0 })));
  commands.length = 0;
  await Promise.all([
    ...ids('c', 20).map((_id, i) => writeGrouped(collection(), { _id, update: { $set: { n: i, 'nested.path': 'x' } } })),
    ...ids('c', 30).slice(20).map((_id) => writeGrouped(collection(), { _id, replacement: { replaced: true } })),
    writeGrouped(collection(), { _id: 'c-new', replacement: { upserted: true }, upsert: true }),
  ]);
  const docs = await collection().find({}).sort({ _id: 1 }).toArray();
  expect(docs.find((d) => d._id === ('c-7' as never))).toEqual({ _id: 'c-7', n: 7, nested: { path: 'x' } });
  expect(docs.find((d) => d._id === ('c-25' as never))).toEqual({ _id: 'c-25', replaced: true });
  expect(docs.find((d) => d._id === ('c-new' as never))).toEqual({ _id: 'c-new', upserted: true });
  expect(docs).toHaveLength(31);
  expect(sent('update')).toBeLessThan(31);
  console.log(`[grouped writes] 31 concurrent updates went in ${sent('update')} update commands`);
});

test('a write the store refuses fails only its writer; the rest of its group lands', async () => {
  await collection().insertOne({ _id: 'd-0' as never, list: [1] });
  const ok = (_id: string) => writeGrouped(collection(), { _id, update: { $set: { ok: true } }, upsert: true });
  const results = await Promise.allSettled([
    ok('d-1'), // goes alone; the writes below wait for it and go together
    writeGrouped(collection(), { _id: 'd-0', update: { $inc: { list: 1 } } }), // $inc of an array: refused
    ...ids('d', 5).slice(2).map(ok),
  ]);
  expect(wentInAGroup('update', 'd-0')).toBe(true);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  expect(await collection().countDocuments({ ok: true })).toBe(4);
  expect(await collection().findOne({ _id: 'd-0' as never })).toEqual({ _id: 'd-0', list: [1] });
});

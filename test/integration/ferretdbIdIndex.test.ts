// FerretDB 1.24 indexes _id with an expression its own _id lookups do not use, so every find, update
// and delete by _id read the whole table. Our FerretDB build gives each collection table the index
// those lookups do use (scripts/ferretdb/idindex.go): a collection written for the first time gets it
// within seconds, and lookups, updates and deletes by _id answer as before.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { eventually } from './support/apiHarness';

const DATABASE = 'kolokasi_id_index';

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, `/${DATABASE}`));
});
afterAll(disconnectMongo);

test('a new collection gets the _id index within seconds, and _id lookups, updates and deletes still answer right', async () => {
  const name = `idindex_${randomUUID().slice(0, 8)}`;
  const collection = mongoose.connection.db!.collection<{ _id: string; n: number }>(name);
  await collection.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `doc-${i}`, n: i })));

  const log = join(process.env.KOLOKASI_TEST_LOG_DIR!, 'ferretdb.log');
  const indexed = new RegExp(`indexed _id lookups of ${name}_[0-9a-f]+ in ${DATABASE}\\.sqlite`);
  await eventually(async () => readFileSync(log, 'utf8'), (text) => indexed.test(text), `${name} to be indexed`, 15_000);

  expect(await collection.findOne({ _id: 'doc-49' })).toEqual({ _id: 'doc-49', n: 49 });
  expect(await collection.findOne({ _id: 'doc-50' })).toBeNull();
  expect((await collection.updateOne({ _id: 'doc-7' }, { $set: { n: 700 } })).modifiedCount).toBe(1);
  expect((await collection.deleteOne({ _id: 'doc-8' })).deletedCount).toBe(1);
  expect(await collection.find({}, { sort: { _id: 1 } }).toArray()).toHaveLength(49);
  expect(await collection.findOne({ _id: 'doc-7' })).toEqual({ _id: 'doc-7', n: 700 });
  // A duplicate _id is still refused by FerretDB's own unique index.
  await expect(collection.insertOne({ _id: 'doc-1', n: 1 })).rejects.toMatchObject({ code: 11000 });
});

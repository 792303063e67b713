// One mongoose connection per process. FerretDB 1.24 speaks the MongoDB wire protocol but has no
// transactions, TTL indexes or $lookup, so the models keep to single-document atomic updates.
import mongoose from 'mongoose';
import { countCommands, countsDir } from './commandCounts';

export async function connectMongo(uri: string): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  const dir = countsDir();
  const connected = await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: true, monitorCommands: !!dir });
  if (dir) countCommands(connected.connection.getClient(), dir);
  return connected;
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

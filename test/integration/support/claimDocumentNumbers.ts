// A separate process claiming document numbers, so the numbering test races real processes, not
// only one process's own turns: `tsx claimDocumentNumbers.ts <mongodb uri> <scope> <id>...` prints
// {id: number} as JSON.
import { claimDocumentNumber } from '../../../activities/documents/numbering';
import { connectMongo, disconnectMongo } from '../../../shared/db/connect';

async function main(): Promise<void> {
  const [uri, scope, ...ids] = process.argv.slice(2);
  await connectMongo(uri!);
  const numbers = await Promise.all(ids.map(async (id) => [id, await claimDocumentNumber(scope!, id)] as const));
  await disconnectMongo();
  process.stdout.write(JSON.stringify(Object.fromEntries(numbers)));
}

void main();

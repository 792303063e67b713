// At `npm start`: a fresh installation gets the demo capacity inventory (2 racks, pools, IP addresses),
// so the first request finds room. Only empty parts are seeded; an operator's inventory is never touched.
import { seedDemoInventory } from '../activities/capacityInventory';
import { connectMongo, disconnectMongo } from '../shared/db/connect';

export async function seedInventoryIfEmpty(mongoUri: string): Promise<boolean> {
  await connectMongo(mongoUri);
  try {
    return await seedDemoInventory();
  } finally {
    await disconnectMongo();
  }
}

// At `npm start`: a fresh installation gets the demo capacity inventory (2 racks, pools, IP addresses),
// so the first request finds room, and, while it has no user at all, one demo user per role, so
// someone can sign in to the web app at once. Only empty parts are seeded: an operator's inventory
// and users are never touched.
import { seedDemoInventory } from '../activities/capacityInventory';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { User } from '../shared/db/user';
import type { Profile } from '../shared/profile/schema';
import { createDemoUsers, DemoUser } from './demoUsers';

export interface SeededDemoData {
  inventory: boolean;
  /** The demo users created now; none when the installation already had users. */
  users: DemoUser[];
}

export async function seedDemoDataIfEmpty(mongoUri: string, profile: Profile): Promise<SeededDemoData> {
  await connectMongo(mongoUri);
  try {
    const inventory = await seedDemoInventory();
    const users = (await User.countDocuments()) === 0 ? await createDemoUsers(profile) : [];
    return { inventory, users };
  } finally {
    await disconnectMongo();
  }
}

// Writes docs/profiles/<id>.md for every SOP profile and removes pages whose profile is gone.
// Run after editing a profile: npm run docs:profiles (test/unit/profileDocs.test.ts fails until then).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { profileMarkdown } from '../shared/profile/docs';
import { listProfiles } from '../shared/profile/registry';

const profileDocsDir = path.resolve(__dirname, '../docs/profiles');

function main(): void {
  mkdirSync(profileDocsDir, { recursive: true });
  const profiles = listProfiles();
  for (const profile of profiles) {
    const file = path.join(profileDocsDir, `${profile.id}.md`);
    writeFileSync(file, profileMarkdown(profile));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  const ids = new Set(profiles.map((p) => `${p.id}.md`));
  for (const name of readdirSync(profileDocsDir).filter((n) => n.endsWith('.md') && !ids.has(n))) {
    rmSync(path.join(profileDocsDir, name));
    console.log(`removed docs/profiles/${name} (no such profile)`);
  }
}

if (require.main === module) main();

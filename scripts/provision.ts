// `npm run provision`: make every pinned tool available, building what is not cached yet.
import { MissingToolError, cacheDir, provisionAll } from './tools';

provisionAll()
  .then((tools) => {
    console.log(`[provision] tools ready (cache: ${cacheDir})`);
    for (const [name, path] of Object.entries(tools)) console.log(`[provision]   ${name}: ${path}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof MissingToolError ? `[provision] ${error.message}` : error);
    process.exit(1);
  });

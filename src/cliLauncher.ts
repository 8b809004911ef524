/**
 * The `dramaturge` command (`dist/cli.js`). It turns on Node's compile cache (Node 22.1 and later;
 * older versions skip it), then loads the CLI itself (`dist/cli-main.js`): that bundle is about
 * 2 MB, which Node would otherwise compile afresh on every run, about a third of the start-up.
 * The cache lives in Node's default place (the system's temp folder) and is only ever a cache.
 */
import * as nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Kept out of this bundle (see scripts/build.mjs), so that it is compiled after the cache is on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('./cli-main.js') as typeof import('./cli');
void cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
// `npx interleave …`: the headless command over the same engine the browser runs. The engine
// is TypeScript: it runs from a bundle made on the first run and after any change to the
// sources (./bundle.mjs), so no build step is needed first.
import { bundled } from './bundle.mjs';

// a reader that stops early (`| head`) ends the command quietly, as a closed pipe ends `go run`
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
const { main } = await import(await bundled('src/cli/main.ts'));
process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
});

// A share link that opens a Go file in the app served by `vite preview` (for screenshots of
// programs that are not in the catalogue):
//   npx tsx scripts/mklink.ts FILE.go [race]
import { readFileSync } from 'node:fs';
import { encodeShare } from '../src/embed/share';

const program = readFileSync(process.argv[2] as string, 'utf8');
const race = process.argv[3] === 'race';
encodeShare({ v: 1, program, seed: 1, schedule: [], step: 0, ...(race && { race }) }).then((t) =>
  console.log(`http://127.0.0.1:4173/#share=${t}`),
);

import { readFileSync } from 'node:fs';

/** A benchmark model's Go source (bench/models/FILE), with its constants set (N, K…). */
export function modelSource(file: string, consts: Record<string, number>): string {
  let src = readFileSync(new URL(`./models/${file}`, import.meta.url), 'utf8');
  for (const [k, v] of Object.entries(consts))
    src = src.replace(new RegExp(`const ${k} = \\d+`), `const ${k} = ${v}`);
  return src;
}

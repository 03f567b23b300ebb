// A TypeScript entry point of this project, bundled with esbuild into one JavaScript module for
// Node, made on first use and again whenever a source file changes: what the `interleave`
// command (bin/interleave.mjs) and the bench's explorer figures (bench/explore-one.ts) run.
//
// Why not tsx's on-the-fly compilation, which the command used before: tsx compiles with
// esbuild's keepNames, which gives every function and class its name again at run time, and
// that costs the explorer 6-7% of its speed. A bundle also starts faster.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What a bundle depends on: every file under these folders, and the installed packages. */
const SOURCES = ['src', 'bench', 'bin'];

/**
 * The file URL of the bundle of `entry` (a path from the project's root), made now if there is
 * none for the sources as they are.
 */
export async function bundled(entry) {
  const key = sourcesKey(entry);
  const prefix = `${entry.replace(/[^A-Za-z0-9]+/g, '-')}-`;
  const name = `${prefix}${key}.mjs`;
  for (const dir of cacheDirs()) {
    const out = join(dir, name);
    if (existsSync(out)) return pathToFileURL(out).href;
    try {
      mkdirSync(dir, { recursive: true });
      // (built beside it and renamed: another command starting at the same time never sees a
      // half-written bundle)
      const tmp = `${out}.${process.pid}.tmp`;
      const { build } = await import('esbuild');
      await build({
        entryPoints: [join(root, entry)],
        outfile: tmp,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: `node${process.versions.node}`,
        logLevel: 'silent',
      });
      renameSync(tmp, out);
      removeOthers(dir, name, prefix);
      return pathToFileURL(out).href;
    } catch (e) {
      // a cache folder we may not write (a read-only install): try the next
      if (!readOnly(e)) throw e;
    }
  }
  throw new Error(
    'interleave: nowhere to keep the compiled command (node_modules/.cache and the temporary folder are read-only)',
  );
}

function readOnly(e) {
  return typeof e === 'object' && e !== null && ['EACCES', 'EROFS', 'EPERM'].includes(e.code);
}

function cacheDirs() {
  return [join(root, 'node_modules', '.cache', 'interleave'), join(tmpdir(), 'interleave-cache')];
}

/** A hash of the entry, Node's version and every source file's path, size and time. */
function sourcesKey(entry) {
  const h = createHash('sha256');
  h.update(`${entry}\0${process.versions.node}\0`);
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) h.update(`lock\0${statSync(lock).mtimeMs}\0`);
  const walk = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        h.update(`${relative(root, p)}\0${s.size}\0${s.mtimeMs}\0`);
      }
    }
  };
  for (const dir of SOURCES) walk(join(root, dir));
  return h.digest('hex').slice(0, 16);
}

/** Remove the entry's bundles of earlier sources, named with `prefix` (a failure to is harmless). */
function removeOthers(dir, keep, prefix) {
  for (const f of readdirSync(dir))
    if (f !== keep && f.startsWith(prefix) && !f.endsWith('.tmp'))
      try {
        rmSync(join(dir, f));
      } catch {
        // (another command may be removing it too)
      }
}

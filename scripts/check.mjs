#!/usr/bin/env node
// The one test command (`npm test`): formatter, linter, typecheck, unit and property tests,
// the build and the Playwright tests. It installs Debian's Chromium when it is missing
// (Playwright cannot download a browser on these machines) and ends with one plain line,
// `N passed, N failed`, summed over unit and e2e tests (a failed static check counts as a
// failure), exiting non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.INTERLEAVE_CHROMIUM ?? '/usr/bin/chromium';
const results = [];
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n▶ ${label}: ${cmd} ${args.join(' ')}\n`);
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const ok = r.status === 0;
  results.push({ label, ok, ms });
  return ok;
}

function ensureChromium() {
  if (existsSync(chromium)) return true;
  if (process.env.INTERLEAVE_CHROMIUM) {
    console.error(`INTERLEAVE_CHROMIUM=${chromium} does not exist.`);
    return false;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo'];
  console.log('Chromium is missing: installing Debian packages chromium and fonts-liberation.');
  const apt = (args) =>
    spawnSync(sudo.length ? 'sudo' : 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium', 'fonts-liberation']);
  return existsSync(chromium);
}

const staticChecks = [
  ['format', 'npx', ['prettier', '--check', '.']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
];
for (const [label, cmd, args] of staticChecks) {
  if (!run(label, cmd, args)) failed += 1;
}

const unitJson = '.vitest-results.json';
rmSync(unitJson, { force: true });
run('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
if (existsSync(unitJson)) {
  const u = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += u.numPassedTests ?? 0;
  failed += (u.numFailedTests ?? 0) + (u.numFailedTestSuites ?? 0);
} else {
  failed += 1;
}

const built = run('build', 'npx', ['vite', 'build']);
if (!built) failed += 1;

const haveChromium = ensureChromium();
const e2eJson = '.playwright-results.json';
rmSync(e2eJson, { force: true });
if (built && haveChromium) {
  run('e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  if (existsSync(e2eJson)) {
    const e = JSON.parse(readFileSync(e2eJson, 'utf8'));
    passed += (e.stats?.expected ?? 0) + (e.stats?.flaky ?? 0);
    failed += e.stats?.unexpected ?? 0;
    if ((e.errors ?? []).length > 0) failed += e.errors.length;
  } else {
    failed += 1;
  }
} else {
  console.error(built ? 'No Chromium: e2e tests cannot run.' : 'Build failed: e2e tests not run.');
  failed += 1;
}

console.log('\nSummary:');
for (const r of results)
  console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.label} (${(r.ms / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

#!/usr/bin/env node
// `npm test`: typecheck, lint, build, Node specifications, then real-browser tests; prints one plain
// "N passed, N failed" line summed over every vitest suite, and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let failedSteps = 0;
function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const run = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) {
    failedSteps += 1;
    console.log(`=== ${title}: FAILED (exit ${run.status ?? run.signal})`);
  }
  return run.status === 0;
}

function vitestSuite(title, config, outputName) {
  const outputFile = path.join(results, outputName);
  rmSync(outputFile, { force: true });
  step(title, bin('vitest'), [
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
  ]);
  if (!existsSync(outputFile)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
const built = step('build', bin('electron-vite'), ['build']);
const suites = [vitestSuite('node specifications', 'vitest.config.mts', 'vitest-node.json')];
if (built) suites.push(vitestSuite('browser and electron tests', 'vitest.browser.config.mts', 'vitest-browser.json'));
else suites.push({ passed: 0, failed: 1, skipped: 0 });

const total = suites.reduce(
  (sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
if (failedSteps > 0) console.log(`\n${failedSteps} step(s) failed; see above.`);
const failed = total.failed + (failedSteps > 0 && total.failed === 0 ? failedSteps : 0);
console.log(`\n${total.passed} passed, ${failed} failed, ${total.skipped} skipped`);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);

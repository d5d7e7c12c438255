#!/usr/bin/env node
// Runs electronegativity (Doyensec's Electron security linter) over the given folders and prints its findings
// as JSON to a file (its own chatter goes to stdout). Its CLI exits 0 whatever it finds and its SARIF drops the severity, so test/main/electronegativity.test.ts
// reads this JSON instead and fails on any HIGH or MEDIUM finding not justified in electronegativity-allow.json.
// Usage: node scripts/electronegativity.mjs <findings.json> <electron version> <folder>...
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const runner = require('@doyensec/electronegativity');
const run = runner.default ?? runner;

const [outputFile, electronVersion, ...folders] = process.argv.slice(2);
if (!outputFile || !electronVersion || folders.length === 0) {
  console.error('usage: electronegativity.mjs <findings.json> <electron version> <folder>...');
  process.exit(2);
}
const findings = [];
for (const folder of folders) {
  const input = path.resolve(folder);
  const result = await run({
    input,
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  for (const issue of result.issues) {
    findings.push({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: path.posix.join(folder.replace(/\\/g, '/').replace(/\/$/, ''), issue.file.replace(/\\/g, '/')),
      line: issue.location.line,
      sample: issue.sample,
    });
  }
  for (const error of result.errors) {
    findings.push({ check: 'PARSE_ERROR', severity: error.tolerable ? 'LOW' : 'HIGH', file: error.file, message: error.message });
  }
}
writeFileSync(outputFile, `${JSON.stringify(findings, null, 2)}\n`);

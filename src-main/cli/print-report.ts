import type { VerificationReport } from '../contract/bundles';
import { fingerprint } from '../core/keys';
import { printable } from '../contract/printable';
import type { InputIssue } from '../contract/result';

/**
 * The verification report as the CLI prints it. Every name, number and message here comes from a bundle (signed,
 * but by a validator, not by us): each goes through `printable` so it cannot move the cursor or start a line.
 */
export function printReport(report: VerificationReport, out: (line: string) => void = console.log): void {
  const p = printable;
  out(`bundle:   ${report.bundleId}  (sequence ${report.sequence}, sealed ${p(report.createdAt)})`);
  out(`signer:   ${p(report.signer.name)}  role ${report.signer.role}  key ${report.signer.keyStatus}  ${fingerprint(report.signer.keyId)}`);
  const version = report.reportVersion ? `  report version ${report.reportVersion.version}` : '';
  out(`kind:     ${report.kind === 'seal' ? 'field report' : report.kind === 'merged' ? 'merged report' : 'handout'}`);
  out(`case:     ${p(report.caseNumber)}  ${p(report.caseId)}${version}`);
  if (report.handout) out(`handout:  ${report.handout.bundleId}  ${report.handout.envelopeDigest}`);
  for (const a of report.assignees) out(`assigned: ${p(a.name)}  ${fingerprint(a.keyId)}`);
  for (const i of report.inputs) {
    out(`input:    ${i.bundleId}  signer ${p(i.signer.name)}  role ${i.signer.role}  key valid  ${fingerprint(i.signer.keyId)}  (signature verified)`);
  }
  for (const c of report.cosigners) out(`cosigner: ${p(c.name)}  role ${c.role}  ${fingerprint(c.keyId)}`);
  out(`audience: ${report.audience.map((a) => `${p(a.name ?? a.fingerprint.slice(0, 12))}${a.role ? ` (${a.role})` : ''}`).join(', ')}`);
  out(`digest:   ${report.envelopeDigest}`);
  out(`files (${report.files.length}, each re-hashed and matched):`);
  for (const f of report.files) out(`  ok  ${f.sha256.slice(0, 16)}…  ${String(f.size).padStart(12)}  ${p(f.role).padEnd(22)} ${p(f.displayName)}`);
  for (const w of report.warnings) out(`warning ${w.code}: ${p(w.message)}`);
}

/** One line per open item, then how to seal anyway (or, for items no reason seals over, that they need fixing). */
export function printOpenItems(code: 'open_items' | 'blocking_items', items: readonly InputIssue[]): void {
  const what = code === 'open_items' ? 'open item(s)' : 'inconsistency(ies) no override reason can seal over';
  console.error(`REFUSED ${code}: ${items.length} ${what} before sealing:`);
  for (const item of items) {
    const params = Object.entries(item.params ?? {})
      .filter(([key]) => key !== 'runRu')
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ');
    console.error(printable(`  ${item.code ?? '?'}${params ? `  ${params}` : ''}`));
  }
  console.error(
    code === 'open_items'
      ? 'Fix them, or seal anyway with --override-reason TEXT (printed in the sealed report).'
      : 'Fix them first: --override-reason does not apply to these.',
  );
}

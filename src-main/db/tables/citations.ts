import { criterionCitationTargets } from '../../contract/assessment';
import { criterionConclusions } from './assessment';
import { linkTable } from '../link-table';

/**
 * What a criterion conclusion rests on (issue 13): the checklist answers, risks, findings, interviews and
 * evidence the validator cites for it. Owned by the case's conclusion row of that criterion (made on the first
 * citation when there is no conclusion yet). Same shape as risk_links and finding_links: unciting is a tombstone.
 */
export const criterionLinks = linkTable('criterion_links', 'conclusion', () => criterionConclusions.id, criterionCitationTargets);

/*
 * The pre-seal check's rules are pure and live in src-main/core/consistency.ts, so the print layer (which imports
 * no domain) can show the same blocking issues on a draft that sealing refuses. Domains import them from here.
 */
export * from '../core/consistency';

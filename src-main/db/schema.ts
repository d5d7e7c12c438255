/**
 * The app's SQLite schema, one file per area under `tables/`. Every row: a UUIDv7 `id` made on the device that
 * created it, and UTC ISO timestamps. Add a table to the file of its area (or a new one) and export it here;
 * drizzle-kit reads this barrel (drizzle.config.ts) to generate migrations.
 */
export * from './tables/core';
export * from './tables/plan';
export * from './tables/checklists';
export * from './tables/evidence';
export * from './tables/risks';
export * from './tables/assessment';
export * from './tables/printed';
export * from './tables/bundles';
export * from './tables/sync';
export * from './tables/team';
export * from './tables/systems';
export * from './tables/cycle';
export * from './tables/citations';
export * from './tables/official';

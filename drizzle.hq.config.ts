import { defineConfig } from 'drizzle-kit';

// HQ's own store: `npx drizzle-kit generate --config drizzle.hq.config.ts`. Pinned in test/main/hq-migrations.test.ts.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-hq/db/schema.ts',
  out: './migrations/hq',
  breakpoints: true,
});

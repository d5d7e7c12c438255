import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/db/schema.ts',
  out: './migrations',
  // Migrations are append-only once shipped: test/main/migrations.test.ts pins each file's hash.
  breakpoints: true,
});

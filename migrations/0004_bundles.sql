CREATE TABLE `bundle_files` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`sha256` text NOT NULL,
	`role` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`display_name` text NOT NULL,
	`evidence_id` text,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundles`(`bundle_id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `bundle_files_bundle` ON `bundle_files` (`bundle_id`);--> statement-breakpoint
CREATE INDEX `bundle_files_sha256` ON `bundle_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `bundles` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`envelope_digest` text NOT NULL,
	`direction` text NOT NULL,
	`signer_key_id` text NOT NULL,
	`signer_name` text NOT NULL,
	`sequence` integer NOT NULL,
	`previous_digest` text,
	`case_id` text NOT NULL,
	`case_number` text NOT NULL,
	`report_version_id` text NOT NULL,
	`created_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	`path` text,
	`size` integer NOT NULL,
	`trust_list_version` integer NOT NULL,
	`flags` text NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bundles_envelope_digest_unique` ON `bundles` (`envelope_digest`);--> statement-breakpoint
CREATE INDEX `bundles_signer_sequence` ON `bundles` (`signer_key_id`,`sequence`);--> statement-breakpoint
CREATE INDEX `bundles_case` ON `bundles` (`case_id`);--> statement-breakpoint
CREATE TABLE `key_sequences` (
	`key_id` text PRIMARY KEY NOT NULL,
	`last_sequence` integer NOT NULL,
	`last_digest` text NOT NULL,
	`last_bundle_id` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trust_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`digest` text NOT NULL,
	`file` text NOT NULL,
	`issuer` text NOT NULL,
	`issued_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`signed_by` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trust_lists_version_unique` ON `trust_lists` (`version`);--> statement-breakpoint
CREATE TABLE `user_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`signing_public_key` text NOT NULL,
	`age_recipient` text NOT NULL,
	`wrapped_secret` blob NOT NULL,
	`wrap_method` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_keys_active_user` ON `user_keys` (`user_id`) WHERE retired_at IS NULL;
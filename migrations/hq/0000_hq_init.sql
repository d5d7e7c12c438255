CREATE TABLE `bundle_aliases` (
	`sha256` text PRIMARY KEY NOT NULL,
	`hq_sequence` integer NOT NULL,
	FOREIGN KEY (`hq_sequence`) REFERENCES `bundles`(`hq_sequence`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bundle_audience` (
	`hq_sequence` integer NOT NULL,
	`fingerprint` text NOT NULL,
	PRIMARY KEY(`hq_sequence`, `fingerprint`),
	FOREIGN KEY (`hq_sequence`) REFERENCES `bundles`(`hq_sequence`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bundle_audience_fingerprint` ON `bundle_audience` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `bundles` (
	`hq_sequence` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`bundle_id` text NOT NULL,
	`envelope_digest` text NOT NULL,
	`kind` text NOT NULL,
	`signer_key_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`case_number` text NOT NULL,
	`size` integer NOT NULL,
	`received_at` text NOT NULL,
	`flags` text NOT NULL,
	`report` text NOT NULL,
	`receipt` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bundles_sha256_unique` ON `bundles` (`sha256`);--> statement-breakpoint
CREATE UNIQUE INDEX `bundles_bundle_id_unique` ON `bundles` (`bundle_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bundles_envelope_digest_unique` ON `bundles` (`envelope_digest`);--> statement-breakpoint
CREATE INDEX `bundles_signer` ON `bundles` (`signer_key_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`key_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`device_role` text NOT NULL,
	`file` text NOT NULL,
	`status` text NOT NULL,
	`role` text,
	`received_at` text NOT NULL,
	`decided_at` text,
	CONSTRAINT "enrollment_status" CHECK("enrollments"."status" IN ('pending', 'approved', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE `rejections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`code` text NOT NULL,
	`reason` text NOT NULL,
	`key_id` text,
	`bundle_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rejections_sha256` ON `rejections` (`sha256`);--> statement-breakpoint
CREATE TABLE `trust_lists` (
	`version` integer PRIMARY KEY NOT NULL,
	`digest` text NOT NULL,
	`file` text NOT NULL,
	`issued_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` text NOT NULL
);

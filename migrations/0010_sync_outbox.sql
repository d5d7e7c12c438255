CREATE TABLE `inbox` (
	`sha256` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`size` integer NOT NULL,
	`outcome` text NOT NULL,
	`rejection_code` text,
	`rejection_reason` text,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`state` text NOT NULL,
	`offset` integer DEFAULT 0 NOT NULL,
	`upload_url` text,
	`upload_hq` text,
	`upload_created_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`rejection_code` text,
	`rejection_reason` text,
	`receipt` text,
	`receipt_hq_key_id` text,
	`received_at` text,
	`receipt_sequence` integer,
	`queued_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundles`(`bundle_id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_sha256_unique` ON `outbox` (`sha256`);--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`);
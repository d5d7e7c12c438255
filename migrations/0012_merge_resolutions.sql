CREATE TABLE `merge_resolutions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`conflict_id` text NOT NULL,
	`conflict_sha` text NOT NULL,
	`choice` text NOT NULL,
	`side` text,
	`value_json` text,
	`reason` text NOT NULL,
	`resolved_by` text,
	`resolved_by_name` text NOT NULL,
	`resolved_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `merge_resolutions_case` ON `merge_resolutions` (`case_id`,`conflict_id`);
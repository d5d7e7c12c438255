CREATE TABLE `interview_minutes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`interview_id` text NOT NULL,
	`present` text NOT NULL,
	`topics` text DEFAULT '' NOT NULL,
	`answers` text DEFAULT '' NOT NULL,
	`follow_ups` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interview_minutes_interview_id_unique` ON `interview_minutes` (`interview_id`);--> statement-breakpoint
CREATE INDEX `interview_minutes_case` ON `interview_minutes` (`case_id`);--> statement-breakpoint
CREATE TABLE `system_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`system` text NOT NULL,
	`checked` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`evidence_ids` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `system_reviews_case` ON `system_reviews` (`case_id`);
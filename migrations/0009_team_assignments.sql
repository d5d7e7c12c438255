CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`key_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `assignments_case` ON `assignments` (`case_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_case_key_target` ON `assignments` (`case_id`,`key_id`,`kind`,`target_id`);
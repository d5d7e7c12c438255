CREATE TABLE `criterion_links` (
	`id` text PRIMARY KEY NOT NULL,
	`conclusion_id` text NOT NULL,
	`target` text NOT NULL,
	`target_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`conclusion_id`) REFERENCES `criterion_conclusions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `criterion_links_conclusion` ON `criterion_links` (`conclusion_id`);--> statement-breakpoint
CREATE INDEX `criterion_links_target` ON `criterion_links` (`target_id`);
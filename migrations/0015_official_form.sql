CREATE TABLE `case_official` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`registration_number` text,
	`look_back_from` text,
	`look_back_to` text,
	`closing_meeting_on` text,
	`closing_attendees` text DEFAULT '' NOT NULL,
	`operator_comments` text DEFAULT '' NOT NULL,
	`conditions` text DEFAULT '' NOT NULL,
	`approvers` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_official_case` ON `case_official` (`case_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `case_official_number` ON `case_official` (`registration_number`);--> statement-breakpoint
CREATE TABLE `visits_held` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`case_id` text NOT NULL,
	`held_on` text NOT NULL,
	`start_time` text,
	`end_time` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_held_visit_id_unique` ON `visits_held` (`visit_id`);
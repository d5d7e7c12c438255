CREATE TABLE `account_manager_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`function` text NOT NULL,
	`date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`manager_name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `account_manager_activities_operator` ON `account_manager_activities` (`operator_id`);--> statement-breakpoint
CREATE TABLE `account_managers` (
	`id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`name` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`assigned_on` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_managers_operator_id_unique` ON `account_managers` (`operator_id`);--> statement-breakpoint
CREATE TABLE `application_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`received_on` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `application_documents_case` ON `application_documents` (`case_id`);--> statement-breakpoint
CREATE TABLE `authorizations` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`report_version_id` text NOT NULL,
	`decision` text NOT NULL,
	`decided_on` text NOT NULL,
	`certificate_number` text DEFAULT '' NOT NULL,
	`register_entry` text DEFAULT '' NOT NULL,
	`conditions` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`supersedes_id` text,
	`recorded_by` text NOT NULL,
	`recorded_by_name` text NOT NULL,
	`recorded_at` text NOT NULL,
	`sequence` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`report_version_id`) REFERENCES `report_versions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `authorizations_case` ON `authorizations` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`received_on` text,
	`reference` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_applications_case_id_unique` ON `case_applications` (`case_id`);--> statement-breakpoint
CREATE TABLE `monitoring_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`measure_id` text,
	`outcome` text,
	`description` text NOT NULL,
	`result` text DEFAULT '' NOT NULL,
	`recorded_by_name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`measure_id`) REFERENCES `control_measures`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `monitoring_entries_case` ON `monitoring_entries` (`case_id`);--> statement-breakpoint
CREATE TABLE `reevaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`previous_case_id` text NOT NULL,
	`scope` text NOT NULL,
	`areas` text NOT NULL,
	`due_on` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`previous_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reevaluations_case_id_unique` ON `reevaluations` (`case_id`);--> statement-breakpoint
CREATE INDEX `reevaluations_previous` ON `reevaluations` (`previous_case_id`);--> statement-breakpoint
-- An authorization record is never edited or removed: a correction is a new record superseding it.
CREATE TRIGGER `authorizations_no_update` BEFORE UPDATE ON `authorizations`
BEGIN
	SELECT RAISE(ABORT, 'authorizations: a recorded decision is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `authorizations_no_delete` BEFORE DELETE ON `authorizations`
BEGIN
	SELECT RAISE(ABORT, 'authorizations: a recorded decision is immutable');
END;

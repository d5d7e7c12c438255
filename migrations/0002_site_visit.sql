CREATE TABLE `answers` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`item_id` text NOT NULL,
	`value` text,
	`note` text DEFAULT '' NOT NULL,
	`answered_by` text NOT NULL,
	`answered_by_name` text NOT NULL,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `checklist_runs`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_run_item` ON `answers` (`run_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`stored_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`recommendation` text,
	`reasoning` text DEFAULT '' NOT NULL,
	`matters_of_significance` text DEFAULT '' NOT NULL,
	`method` text DEFAULT '' NOT NULL,
	`team_lead` text DEFAULT '' NOT NULL,
	`authorization_date` text,
	`partial_reevaluation_areas` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_assessments_case_id_unique` ON `case_assessments` (`case_id`);--> statement-breakpoint
CREATE TABLE `checklist_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`site_id` text,
	`template_row_id` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`metadata` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`template_row_id`) REFERENCES `checklist_templates`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `checklist_runs_case` ON `checklist_runs` (`case_id`);--> statement-breakpoint
CREATE TABLE `checklist_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`sha256` text NOT NULL,
	`origin` text NOT NULL,
	`loaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_templates_id_version` ON `checklist_templates` (`template_id`,`version`);--> statement-breakpoint
CREATE TABLE `control_measures` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`risk_id` text NOT NULL,
	`measure` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`frequency` text NOT NULL,
	`starts_on` text,
	`account_manager` text NOT NULL,
	`triggers` text DEFAULT '' NOT NULL,
	`customs_response` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `control_measures_case` ON `control_measures` (`case_id`);--> statement-breakpoint
CREATE INDEX `control_measures_risk` ON `control_measures` (`risk_id`);--> statement-breakpoint
CREATE TABLE `criterion_conclusions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`criterion` text NOT NULL,
	`conclusion` text,
	`text` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criterion_conclusions_case_criterion` ON `criterion_conclusions` (`case_id`,`criterion`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`run_id` text,
	`item_id` text,
	`sha256` text NOT NULL,
	`kind` text NOT NULL,
	`original_name` text NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`captured_at` text NOT NULL,
	`effective_date` text,
	`caption` text DEFAULT '' NOT NULL,
	`attached_by` text NOT NULL,
	`attached_by_name` text NOT NULL,
	`attached_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`run_id`) REFERENCES `checklist_runs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `evidence_case` ON `evidence` (`case_id`);--> statement-breakpoint
CREATE INDEX `evidence_run_item` ON `evidence` (`run_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `finding_links` (
	`id` text PRIMARY KEY NOT NULL,
	`finding_id` text NOT NULL,
	`target` text NOT NULL,
	`target_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `finding_links_finding` ON `finding_links` (`finding_id`);--> statement-breakpoint
CREATE INDEX `finding_links_target` ON `finding_links` (`target_id`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`description` text NOT NULL,
	`required_action` text DEFAULT '' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`deadline` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `findings_case` ON `findings` (`case_id`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`person` text NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`topics` text NOT NULL,
	`date` text,
	`held` integer DEFAULT false NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `interviews_case` ON `interviews` (`case_id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`resources` text DEFAULT '' NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`notes` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_case_id_unique` ON `plans` (`case_id`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`site_id` text,
	`template_id` text NOT NULL,
	`position` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `procedures_case` ON `procedures` (`case_id`);--> statement-breakpoint
CREATE TABLE `report_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`version` integer NOT NULL,
	`model` text NOT NULL,
	`model_sha256` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`supersedes_id` text,
	`sealed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_versions_case_version` ON `report_versions` (`case_id`,`version`);--> statement-breakpoint
CREATE TABLE `risk_links` (
	`id` text PRIMARY KEY NOT NULL,
	`risk_id` text NOT NULL,
	`target` text NOT NULL,
	`target_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `risk_links_risk` ON `risk_links` (`risk_id`);--> statement-breakpoint
CREATE INDEX `risk_links_target` ON `risk_links` (`target_id`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`title` text NOT NULL,
	`criterion` text,
	`site_id` text,
	`critical_asset` text DEFAULT '' NOT NULL,
	`threat` text DEFAULT '' NOT NULL,
	`vulnerability` text DEFAULT '' NOT NULL,
	`likelihood` integer NOT NULL,
	`consequence` integer NOT NULL,
	`controls` text DEFAULT '' NOT NULL,
	`control_testing` text DEFAULT '' NOT NULL,
	`controls_effective` text DEFAULT 'not_tested' NOT NULL,
	`residual_likelihood` integer,
	`residual_consequence` integer,
	`response` text,
	`response_notes` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `risks_case` ON `risks` (`case_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `sites_case` ON `sites` (`case_id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`site_id` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text,
	`end_time` text,
	`validators` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `visits_case` ON `visits` (`case_id`);
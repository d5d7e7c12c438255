ALTER TABLE `case_steps` ADD `reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `checklist_runs` ADD `finished_at` text;--> statement-breakpoint
ALTER TABLE `checklist_runs` ADD `finished_by` text;--> statement-breakpoint
ALTER TABLE `checklist_runs` ADD `finished_by_name` text;--> statement-breakpoint
ALTER TABLE `checklist_runs` ADD `signature_sha256` text;
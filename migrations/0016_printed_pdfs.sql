CREATE TABLE `printed_pdfs` (
	`id` text PRIMARY KEY NOT NULL,
	`report_version_id` text NOT NULL,
	`document` text NOT NULL,
	`lang` text NOT NULL,
	`model_sha256` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`pages` integer NOT NULL,
	`printed_at` text NOT NULL,
	FOREIGN KEY (`report_version_id`) REFERENCES `report_versions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `printed_pdfs_version_document_lang` ON `printed_pdfs` (`report_version_id`,`document`,`lang`);--> statement-breakpoint
-- Once its version is sealed, the record of a printed PDF is as immutable as the version: the database refuses to
-- change or remove it. A draft's record may be replaced when its file had to be printed again.
CREATE TRIGGER `printed_pdfs_sealed_no_update` BEFORE UPDATE ON `printed_pdfs`
WHEN EXISTS (SELECT 1 FROM `report_versions` WHERE `id` = OLD.`report_version_id` AND `status` = 'sealed')
BEGIN
	SELECT RAISE(ABORT, 'printed_pdfs: the PDF of a sealed report version is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `printed_pdfs_sealed_no_delete` BEFORE DELETE ON `printed_pdfs`
WHEN EXISTS (SELECT 1 FROM `report_versions` WHERE `id` = OLD.`report_version_id` AND `status` = 'sealed')
BEGIN
	SELECT RAISE(ABORT, 'printed_pdfs: the PDF of a sealed report version is immutable');
END;

-- A sealed report version is immutable: the database itself refuses to change or remove it, whatever the app does.
-- A draft may still be refreshed, and sealed once (draft -> sealed is an UPDATE of a draft row, which passes).
CREATE TRIGGER `report_versions_sealed_no_update` BEFORE UPDATE ON `report_versions`
WHEN OLD.`status` = 'sealed'
BEGIN
	SELECT RAISE(ABORT, 'report_versions: a sealed report version is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `report_versions_sealed_no_delete` BEFORE DELETE ON `report_versions`
WHEN OLD.`status` = 'sealed'
BEGIN
	SELECT RAISE(ABORT, 'report_versions: a sealed report version is immutable');
END;

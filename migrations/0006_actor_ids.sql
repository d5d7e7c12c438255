-- Who-did-it columns hold the user's id; older versions stored the user's name in some of them. Map a name to the
-- id of the one user who bears it; a name no user (or more than one) bears stays as it was, since guessing would
-- misattribute. Sealed report versions are immutable (0003) and keep what they were sealed with.
UPDATE `risks` SET `created_by` = (SELECT `id` FROM `users` WHERE `name` = `risks`.`created_by`)
WHERE `created_by` NOT IN (SELECT `id` FROM `users`) AND (SELECT count(*) FROM `users` WHERE `name` = `risks`.`created_by`) = 1;
--> statement-breakpoint
UPDATE `findings` SET `created_by` = (SELECT `id` FROM `users` WHERE `name` = `findings`.`created_by`)
WHERE `created_by` NOT IN (SELECT `id` FROM `users`) AND (SELECT count(*) FROM `users` WHERE `name` = `findings`.`created_by`) = 1;
--> statement-breakpoint
UPDATE `report_versions` SET `created_by` = (SELECT `id` FROM `users` WHERE `name` = `report_versions`.`created_by`)
WHERE `status` = 'draft' AND `created_by` NOT IN (SELECT `id` FROM `users`)
AND (SELECT count(*) FROM `users` WHERE `name` = `report_versions`.`created_by`) = 1;
--> statement-breakpoint
UPDATE `trust_lists` SET `imported_by` = (SELECT `id` FROM `users` WHERE `name` = `trust_lists`.`imported_by`)
WHERE `imported_by` NOT IN (SELECT `id` FROM `users`) AND (SELECT count(*) FROM `users` WHERE `name` = `trust_lists`.`imported_by`) = 1;
--> statement-breakpoint
UPDATE `bundles` SET `recorded_by` = (SELECT `id` FROM `users` WHERE `name` = `bundles`.`recorded_by`)
WHERE `recorded_by` NOT IN (SELECT `id` FROM `users`) AND (SELECT count(*) FROM `users` WHERE `name` = `bundles`.`recorded_by`) = 1;

CREATE TABLE `print_renditions` (
	`source_sha256` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`made_at` text NOT NULL,
	FOREIGN KEY (`source_sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE restrict
);

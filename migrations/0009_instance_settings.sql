CREATE TABLE `instance_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`sealed` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer
);

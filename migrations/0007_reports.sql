CREATE TABLE `report_sends` (
	`user_id` integer NOT NULL,
	`period` text NOT NULL,
	`start` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	PRIMARY KEY(`user_id`, `period`, `start`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `users` ADD `report_frequency` text DEFAULT 'weekly' NOT NULL;
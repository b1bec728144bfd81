CREATE TABLE `media_files` (
	`path` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`webapp_id` integer,
	`kind` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_files_user_idx` ON `media_files` (`user_id`);--> statement-breakpoint
CREATE INDEX `media_files_webapp_idx` ON `media_files` (`webapp_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `account_owner_id` integer REFERENCES users(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `users_account_owner_idx` ON `users` (`account_owner_id`);
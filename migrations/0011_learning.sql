CREATE TABLE `history_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`webapp_id` integer NOT NULL,
	`import_id` text NOT NULL,
	`platform` text NOT NULL,
	`posted_at` integer NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`impressions` integer,
	`views` integer,
	`likes` integer,
	`comments` integer,
	`shares` integer,
	`clicks` integer,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`webapp_id`) REFERENCES `webapps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `history_posts_app_platform_idx` ON `history_posts` (`webapp_id`,`platform`);--> statement-breakpoint
ALTER TABLE `content_items` ADD `arms` text;--> statement-breakpoint
ALTER TABLE `webapps` ADD `allowed_hours` text DEFAULT '' NOT NULL;
CREATE TABLE `comment_digest_sends` (
	`user_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`channel` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_digest_sends_unique` ON `comment_digest_sends` (`user_id`,`local_date`,`channel`);--> statement-breakpoint
ALTER TABLE `comment_sync` ADD `cursor` text;
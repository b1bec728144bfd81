ALTER TABLE `content_items` ADD `thread_posts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `content_items` ADD `first_comment` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `webapps` ADD `linkedin_link_in_comment` integer DEFAULT false NOT NULL;
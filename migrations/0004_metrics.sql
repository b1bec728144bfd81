CREATE TABLE `follower_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`platform` text NOT NULL,
	`day` text NOT NULL,
	`followers` integer NOT NULL,
	`taken_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follower_counts_conn_day_unique` ON `follower_counts` (`connection_id`,`day`);--> statement-breakpoint
CREATE INDEX `follower_counts_user_day_idx` ON `follower_counts` (`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `metric_collection` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`platform` text NOT NULL,
	`remote_id` text,
	`published_at` integer NOT NULL,
	`state` text DEFAULT 'collecting' NOT NULL,
	`next_due_at` integer,
	`last_good_at` integer,
	`last_tried_at` integer,
	`problem` text,
	`problem_at` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `metric_collection_due_idx` ON `metric_collection` (`state`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `metric_collection_user_idx` ON `metric_collection` (`user_id`);--> statement-breakpoint
CREATE TABLE `metric_refusals` (
	`connection_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`refused_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `metric_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`webapp_id` integer NOT NULL,
	`platform` text NOT NULL,
	`taken_at` integer NOT NULL,
	`views` integer,
	`impressions` integer,
	`reach` integer,
	`likes` integer,
	`comments` integer,
	`shares` integer,
	`saves` integer,
	`watch_time_seconds` real,
	`avg_view_seconds` real,
	`completion_rate` real,
	`profile_visits` integer,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`webapp_id`) REFERENCES `webapps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `metric_snapshots_user_taken_idx` ON `metric_snapshots` (`user_id`,`taken_at`);--> statement-breakpoint
CREATE INDEX `metric_snapshots_item_taken_idx` ON `metric_snapshots` (`item_id`,`taken_at`);
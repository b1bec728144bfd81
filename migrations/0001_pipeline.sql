CREATE TABLE `pipeline_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`webapp_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`attempt` integer NOT NULL,
	`job_key` text NOT NULL,
	`trigger` text DEFAULT 'schedule' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`webapp_id`) REFERENCES `webapps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pipeline_runs_batch_unique` ON `pipeline_runs` (`batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pipeline_runs_key_unique` ON `pipeline_runs` (`job_key`);--> statement-breakpoint
CREATE INDEX `pipeline_runs_app_idx` ON `pipeline_runs` (`webapp_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `pipeline_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`step` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`output` text,
	`summary` text DEFAULT '' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `pipeline_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pipeline_steps_run_step_unique` ON `pipeline_steps` (`run_id`,`step`);--> statement-breakpoint
CREATE TABLE `research_facts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webapp_id` integer NOT NULL,
	`content_hash` text NOT NULL,
	`facts` text NOT NULL,
	`writer` text DEFAULT 'builtin' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`webapp_id`) REFERENCES `webapps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `research_facts_app_hash_unique` ON `research_facts` (`webapp_id`,`content_hash`);
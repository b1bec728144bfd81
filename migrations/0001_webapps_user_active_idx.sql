DROP INDEX `webapps_user_idx`;--> statement-breakpoint
CREATE INDEX `webapps_user_active_idx` ON `webapps` (`user_id`,`active`);
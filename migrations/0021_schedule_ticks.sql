CREATE TABLE `schedule_ticks` (
	`name` text NOT NULL,
	`tick_at` integer NOT NULL,
	`owner` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`name`, `tick_at`)
);

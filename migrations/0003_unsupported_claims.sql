ALTER TABLE `content_items` ADD `unsupported_claims` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `content_items` ADD `claim_sources` text DEFAULT '[]' NOT NULL;
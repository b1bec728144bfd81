ALTER TABLE `metric_collection` ADD `latest_taken_at` integer;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_views` integer;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_likes` integer;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_comments` integer;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_shares` integer;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_saves` integer;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `clicks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `last_click_at` integer;--> statement-breakpoint
-- The analytics page's "as of now" figures per post, kept by the database itself so every writer (the collector's
-- recordReading, a history import, the click redirect, a seed) keeps them right in its own transaction.
UPDATE `metric_collection` SET (`latest_taken_at`, `latest_views`, `latest_likes`, `latest_comments`, `latest_shares`, `latest_saves`) = (
  SELECT `taken_at`, `views`, `likes`, `comments`, `shares`, `saves` FROM `metric_snapshots` s WHERE s.`item_id` = `metric_collection`.`item_id` ORDER BY `taken_at` DESC, `id` DESC LIMIT 1);--> statement-breakpoint
UPDATE `metric_collection` SET (`clicks`, `last_click_at`) = (
  SELECT count(*), max(`clicked_at`) FROM `link_clicks` k WHERE k.`item_id` = `metric_collection`.`item_id`);--> statement-breakpoint
-- A reading inserted (in any order of time): the item's latest is one descent of metric_snapshots(item_id, taken_at).
CREATE TRIGGER `metric_snapshots_latest` AFTER INSERT ON `metric_snapshots` BEGIN
  UPDATE `metric_collection` SET (`latest_taken_at`, `latest_views`, `latest_likes`, `latest_comments`, `latest_shares`, `latest_saves`) = (
    SELECT `taken_at`, `views`, `likes`, `comments`, `shares`, `saves` FROM `metric_snapshots` s WHERE s.`item_id` = NEW.`item_id` ORDER BY `taken_at` DESC, `id` DESC LIMIT 1)
  WHERE `item_id` = NEW.`item_id`;
END;--> statement-breakpoint
-- A click counted (a repeat is an ignored insert and fires nothing): one more, and the latest time.
CREATE TRIGGER `link_clicks_count` AFTER INSERT ON `link_clicks` BEGIN
  UPDATE `metric_collection` SET `clicks` = `clicks` + 1, `last_click_at` = max(coalesce(`last_click_at`, NEW.`clicked_at`), NEW.`clicked_at`)
  WHERE `item_id` = NEW.`item_id`;
END;--> statement-breakpoint
CREATE TRIGGER `link_clicks_uncount` AFTER DELETE ON `link_clicks` BEGIN
  UPDATE `metric_collection` SET (`clicks`, `last_click_at`) = (
    SELECT count(*), max(`clicked_at`) FROM `link_clicks` k WHERE k.`item_id` = OLD.`item_id`)
  WHERE `item_id` = OLD.`item_id`;
END;--> statement-breakpoint
-- A collection row made after some readings or clicks (an import, a post marked as posted by hand): start from the history.
CREATE TRIGGER `metric_collection_start` AFTER INSERT ON `metric_collection` BEGIN
  UPDATE `metric_collection` SET
    (`latest_taken_at`, `latest_views`, `latest_likes`, `latest_comments`, `latest_shares`, `latest_saves`) = (
      SELECT `taken_at`, `views`, `likes`, `comments`, `shares`, `saves` FROM `metric_snapshots` s WHERE s.`item_id` = NEW.`item_id` ORDER BY `taken_at` DESC, `id` DESC LIMIT 1),
    (`clicks`, `last_click_at`) = (SELECT count(*), max(`clicked_at`) FROM `link_clicks` k WHERE k.`item_id` = NEW.`item_id`)
  WHERE `item_id` = NEW.`item_id`;
END;

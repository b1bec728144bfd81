ALTER TABLE `metric_collection` ADD `latest_watch_seconds` real;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_avg_view_seconds` real;--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `latest_completion` real;--> statement-breakpoint
-- The latest reading's video figures join the counters the triggers of 0013 keep: the same triggers, with three more columns.
UPDATE `metric_collection` SET (`latest_watch_seconds`, `latest_avg_view_seconds`, `latest_completion`) = (
  SELECT `watch_time_seconds`, `avg_view_seconds`, `completion_rate` FROM `metric_snapshots` s WHERE s.`item_id` = `metric_collection`.`item_id` ORDER BY `taken_at` DESC, `id` DESC LIMIT 1);--> statement-breakpoint
DROP TRIGGER IF EXISTS `metric_snapshots_latest`;--> statement-breakpoint
CREATE TRIGGER `metric_snapshots_latest` AFTER INSERT ON `metric_snapshots` BEGIN
  UPDATE `metric_collection` SET (`latest_taken_at`, `latest_views`, `latest_likes`, `latest_comments`, `latest_shares`, `latest_saves`,
      `latest_watch_seconds`, `latest_avg_view_seconds`, `latest_completion`) = (
    SELECT `taken_at`, `views`, `likes`, `comments`, `shares`, `saves`, `watch_time_seconds`, `avg_view_seconds`, `completion_rate`
    FROM `metric_snapshots` s WHERE s.`item_id` = NEW.`item_id` ORDER BY `taken_at` DESC, `id` DESC LIMIT 1)
  WHERE `item_id` = NEW.`item_id`;
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `metric_collection_start`;--> statement-breakpoint
CREATE TRIGGER `metric_collection_start` AFTER INSERT ON `metric_collection` BEGIN
  UPDATE `metric_collection` SET
    (`latest_taken_at`, `latest_views`, `latest_likes`, `latest_comments`, `latest_shares`, `latest_saves`,
      `latest_watch_seconds`, `latest_avg_view_seconds`, `latest_completion`) = (
      SELECT `taken_at`, `views`, `likes`, `comments`, `shares`, `saves`, `watch_time_seconds`, `avg_view_seconds`, `completion_rate`
      FROM `metric_snapshots` s WHERE s.`item_id` = NEW.`item_id` ORDER BY `taken_at` DESC, `id` DESC LIMIT 1),
    (`clicks`, `last_click_at`) = (SELECT count(*), max(`clicked_at`) FROM `link_clicks` k WHERE k.`item_id` = NEW.`item_id`)
  WHERE `item_id` = NEW.`item_id`;
END;

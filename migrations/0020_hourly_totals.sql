CREATE TABLE `metric_hourly_totals` (
	`user_id` integer NOT NULL,
	`webapp_id` integer NOT NULL,
	`platform` text NOT NULL,
	`hour` integer NOT NULL,
	`posts` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`shares` integer DEFAULT 0 NOT NULL,
	`saves` integer DEFAULT 0 NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`watch_seconds` real DEFAULT 0 NOT NULL,
	`watched_posts` integer DEFAULT 0 NOT NULL,
	`engaged` integer DEFAULT 0 NOT NULL,
	`rated_views` integer DEFAULT 0 NOT NULL,
	`last_activity` integer,
	PRIMARY KEY(`user_id`, `hour`, `webapp_id`, `platform`)
);
--> statement-breakpoint
ALTER TABLE `metric_collection` ADD `webapp_id` integer;--> statement-breakpoint
-- Hand-written below (drizzle-kit writes no data moves or triggers): the web app of each collected post, the hourly totals
-- from the rows as they are now, then the triggers that keep both right in the transaction of every write to
-- metric_collection (its own inserts and deletes, and the latest-reading and click triggers of 0013/0015 updating it).
-- Each trigger adds a row's contribution under its key and takes the old one away, so the order in which SQLite runs
-- them beside 0013's triggers does not matter; a bucket left empty by a delete goes.
UPDATE `metric_collection` SET `webapp_id` = (SELECT `webapp_id` FROM `content_items` c WHERE c.`id` = `metric_collection`.`item_id`);--> statement-breakpoint
INSERT INTO `metric_hourly_totals` (`user_id`, `webapp_id`, `platform`, `hour`, `posts`, `views`, `likes`, `comments`, `shares`, `saves`, `clicks`, `watch_seconds`, `watched_posts`, `engaged`, `rated_views`, `last_activity`)
  SELECT `user_id`, coalesce(`webapp_id`, 0), `platform`, `published_at` / 3600000, count(*), sum(coalesce(`latest_views`, 0)),
    sum(coalesce(`latest_likes`, 0)), sum(coalesce(`latest_comments`, 0)), sum(coalesce(`latest_shares`, 0)), sum(coalesce(`latest_saves`, 0)),
    sum(`clicks`), sum(coalesce(`latest_watch_seconds`, 0)), sum(`latest_watch_seconds` IS NOT NULL),
    sum(iif(`latest_views` > 0, coalesce(`latest_likes`, 0) + coalesce(`latest_comments`, 0) + coalesce(`latest_shares`, 0) + coalesce(`latest_saves`, 0), 0)),
    sum(iif(`latest_views` > 0, `latest_views`, 0)),
    nullif(max(max(coalesce(`latest_taken_at`, 0), coalesce(`last_click_at`, 0))), 0)
  FROM `metric_collection` GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE TRIGGER `metric_collection_hourly_insert` AFTER INSERT ON `metric_collection` BEGIN
  UPDATE `metric_collection` SET `webapp_id` = (SELECT `webapp_id` FROM `content_items` WHERE `id` = NEW.`item_id`)
    WHERE `item_id` = NEW.`item_id` AND `webapp_id` IS NULL;
  INSERT INTO `metric_hourly_totals` (`user_id`, `webapp_id`, `platform`, `hour`, `posts`, `views`, `likes`, `comments`, `shares`, `saves`, `clicks`, `watch_seconds`, `watched_posts`, `engaged`, `rated_views`, `last_activity`)
    VALUES (NEW.`user_id`, coalesce(NEW.`webapp_id`, (SELECT `webapp_id` FROM `content_items` WHERE `id` = NEW.`item_id`), 0), NEW.`platform`, NEW.`published_at` / 3600000,
      1, coalesce(NEW.`latest_views`, 0), coalesce(NEW.`latest_likes`, 0), coalesce(NEW.`latest_comments`, 0), coalesce(NEW.`latest_shares`, 0), coalesce(NEW.`latest_saves`, 0), NEW.`clicks`, coalesce(NEW.`latest_watch_seconds`, 0), (NEW.`latest_watch_seconds` IS NOT NULL), iif(NEW.`latest_views` > 0, coalesce(NEW.`latest_likes`, 0) + coalesce(NEW.`latest_comments`, 0) + coalesce(NEW.`latest_shares`, 0) + coalesce(NEW.`latest_saves`, 0), 0), iif(NEW.`latest_views` > 0, NEW.`latest_views`, 0), nullif(max(coalesce(NEW.`latest_taken_at`, 0), coalesce(NEW.`last_click_at`, 0)), 0))
    ON CONFLICT (`user_id`, `webapp_id`, `platform`, `hour`) DO UPDATE SET
      `posts` = `posts` + excluded.`posts`, `views` = `views` + excluded.`views`, `likes` = `likes` + excluded.`likes`, `comments` = `comments` + excluded.`comments`, `shares` = `shares` + excluded.`shares`, `saves` = `saves` + excluded.`saves`, `clicks` = `clicks` + excluded.`clicks`, `watch_seconds` = `watch_seconds` + excluded.`watch_seconds`, `watched_posts` = `watched_posts` + excluded.`watched_posts`, `engaged` = `engaged` + excluded.`engaged`, `rated_views` = `rated_views` + excluded.`rated_views`, `last_activity` = nullif(max(coalesce(`last_activity`, 0), coalesce(excluded.`last_activity`, 0)), 0);
END;--> statement-breakpoint
CREATE TRIGGER `metric_collection_hourly_update` AFTER UPDATE OF `user_id`, `platform`, `published_at`, `latest_taken_at`, `latest_views`,
    `latest_likes`, `latest_comments`, `latest_shares`, `latest_saves`, `latest_watch_seconds`, `clicks`, `last_click_at` ON `metric_collection` BEGIN
  INSERT INTO `metric_hourly_totals` (`user_id`, `webapp_id`, `platform`, `hour`, `posts`, `views`, `likes`, `comments`, `shares`, `saves`, `clicks`, `watch_seconds`, `watched_posts`, `engaged`, `rated_views`, `last_activity`)
    VALUES (OLD.`user_id`, coalesce(OLD.`webapp_id`, (SELECT `webapp_id` FROM `content_items` WHERE `id` = OLD.`item_id`), 0), OLD.`platform`, OLD.`published_at` / 3600000,
      -1, -coalesce(OLD.`latest_views`, 0), -coalesce(OLD.`latest_likes`, 0), -coalesce(OLD.`latest_comments`, 0), -coalesce(OLD.`latest_shares`, 0), -coalesce(OLD.`latest_saves`, 0), -OLD.`clicks`, -coalesce(OLD.`latest_watch_seconds`, 0), -(OLD.`latest_watch_seconds` IS NOT NULL), -iif(OLD.`latest_views` > 0, coalesce(OLD.`latest_likes`, 0) + coalesce(OLD.`latest_comments`, 0) + coalesce(OLD.`latest_shares`, 0) + coalesce(OLD.`latest_saves`, 0), 0), -iif(OLD.`latest_views` > 0, OLD.`latest_views`, 0), NULL)
    ON CONFLICT (`user_id`, `webapp_id`, `platform`, `hour`) DO UPDATE SET
      `posts` = `posts` + excluded.`posts`, `views` = `views` + excluded.`views`, `likes` = `likes` + excluded.`likes`, `comments` = `comments` + excluded.`comments`, `shares` = `shares` + excluded.`shares`, `saves` = `saves` + excluded.`saves`, `clicks` = `clicks` + excluded.`clicks`, `watch_seconds` = `watch_seconds` + excluded.`watch_seconds`, `watched_posts` = `watched_posts` + excluded.`watched_posts`, `engaged` = `engaged` + excluded.`engaged`, `rated_views` = `rated_views` + excluded.`rated_views`, `last_activity` = nullif(max(coalesce(`last_activity`, 0), coalesce(excluded.`last_activity`, 0)), 0);
  INSERT INTO `metric_hourly_totals` (`user_id`, `webapp_id`, `platform`, `hour`, `posts`, `views`, `likes`, `comments`, `shares`, `saves`, `clicks`, `watch_seconds`, `watched_posts`, `engaged`, `rated_views`, `last_activity`)
    VALUES (NEW.`user_id`, coalesce(NEW.`webapp_id`, (SELECT `webapp_id` FROM `content_items` WHERE `id` = NEW.`item_id`), 0), NEW.`platform`, NEW.`published_at` / 3600000,
      1, coalesce(NEW.`latest_views`, 0), coalesce(NEW.`latest_likes`, 0), coalesce(NEW.`latest_comments`, 0), coalesce(NEW.`latest_shares`, 0), coalesce(NEW.`latest_saves`, 0), NEW.`clicks`, coalesce(NEW.`latest_watch_seconds`, 0), (NEW.`latest_watch_seconds` IS NOT NULL), iif(NEW.`latest_views` > 0, coalesce(NEW.`latest_likes`, 0) + coalesce(NEW.`latest_comments`, 0) + coalesce(NEW.`latest_shares`, 0) + coalesce(NEW.`latest_saves`, 0), 0), iif(NEW.`latest_views` > 0, NEW.`latest_views`, 0), nullif(max(coalesce(NEW.`latest_taken_at`, 0), coalesce(NEW.`last_click_at`, 0)), 0))
    ON CONFLICT (`user_id`, `webapp_id`, `platform`, `hour`) DO UPDATE SET
      `posts` = `posts` + excluded.`posts`, `views` = `views` + excluded.`views`, `likes` = `likes` + excluded.`likes`, `comments` = `comments` + excluded.`comments`, `shares` = `shares` + excluded.`shares`, `saves` = `saves` + excluded.`saves`, `clicks` = `clicks` + excluded.`clicks`, `watch_seconds` = `watch_seconds` + excluded.`watch_seconds`, `watched_posts` = `watched_posts` + excluded.`watched_posts`, `engaged` = `engaged` + excluded.`engaged`, `rated_views` = `rated_views` + excluded.`rated_views`, `last_activity` = nullif(max(coalesce(`last_activity`, 0), coalesce(excluded.`last_activity`, 0)), 0);
  DELETE FROM `metric_hourly_totals` WHERE `user_id` = OLD.`user_id` AND `webapp_id` = coalesce(OLD.`webapp_id`, (SELECT `webapp_id` FROM `content_items` WHERE `id` = OLD.`item_id`), 0) AND `platform` = OLD.`platform` AND `hour` = OLD.`published_at` / 3600000
    AND `posts` = 0 AND `views` = 0 AND `likes` = 0 AND `comments` = 0 AND `shares` = 0 AND `saves` = 0 AND `clicks` = 0 AND `watched_posts` = 0 AND `engaged` = 0 AND `rated_views` = 0;
END;--> statement-breakpoint
CREATE TRIGGER `metric_collection_hourly_delete` AFTER DELETE ON `metric_collection` BEGIN
  INSERT INTO `metric_hourly_totals` (`user_id`, `webapp_id`, `platform`, `hour`, `posts`, `views`, `likes`, `comments`, `shares`, `saves`, `clicks`, `watch_seconds`, `watched_posts`, `engaged`, `rated_views`, `last_activity`)
    VALUES (OLD.`user_id`, coalesce(OLD.`webapp_id`, (SELECT `webapp_id` FROM `content_items` WHERE `id` = OLD.`item_id`), 0), OLD.`platform`, OLD.`published_at` / 3600000,
      -1, -coalesce(OLD.`latest_views`, 0), -coalesce(OLD.`latest_likes`, 0), -coalesce(OLD.`latest_comments`, 0), -coalesce(OLD.`latest_shares`, 0), -coalesce(OLD.`latest_saves`, 0), -OLD.`clicks`, -coalesce(OLD.`latest_watch_seconds`, 0), -(OLD.`latest_watch_seconds` IS NOT NULL), -iif(OLD.`latest_views` > 0, coalesce(OLD.`latest_likes`, 0) + coalesce(OLD.`latest_comments`, 0) + coalesce(OLD.`latest_shares`, 0) + coalesce(OLD.`latest_saves`, 0), 0), -iif(OLD.`latest_views` > 0, OLD.`latest_views`, 0), NULL)
    ON CONFLICT (`user_id`, `webapp_id`, `platform`, `hour`) DO UPDATE SET
      `posts` = `posts` + excluded.`posts`, `views` = `views` + excluded.`views`, `likes` = `likes` + excluded.`likes`, `comments` = `comments` + excluded.`comments`, `shares` = `shares` + excluded.`shares`, `saves` = `saves` + excluded.`saves`, `clicks` = `clicks` + excluded.`clicks`, `watch_seconds` = `watch_seconds` + excluded.`watch_seconds`, `watched_posts` = `watched_posts` + excluded.`watched_posts`, `engaged` = `engaged` + excluded.`engaged`, `rated_views` = `rated_views` + excluded.`rated_views`, `last_activity` = nullif(max(coalesce(`last_activity`, 0), coalesce(excluded.`last_activity`, 0)), 0);
  DELETE FROM `metric_hourly_totals` WHERE `user_id` = OLD.`user_id` AND `webapp_id` = coalesce(OLD.`webapp_id`, (SELECT `webapp_id` FROM `content_items` WHERE `id` = OLD.`item_id`), 0) AND `platform` = OLD.`platform` AND `hour` = OLD.`published_at` / 3600000 AND `posts` = 0;
END;

import { bool, int, oneOf, str } from "../option";

/** Where data lives: the SQLite folder, and the media store (a folder on this box, or an S3-compatible bucket). */
export const storage = {
  data_dir: str({
    default: "./data",
    doc: "Folder for the SQLite database, the generated encryption key and the mail outbox.",
    env: ["AMARKTAI_DATA_DIR"],
  }),
  media_dir: str({
    default: "./media",
    doc: "Folder for rendered images and videos (the folder driver keeps them here; every driver renders in its .tmp first).",
    env: ["AMARKTAI_MEDIA_DIR"],
  }),
  driver: oneOf({
    default: "folder",
    values: ["folder", "s3"] as const,
    doc: "Where media is kept: folder (media_dir on this box) or s3 (an S3-compatible bucket: Garage, SeaweedFS, R2, B2, AWS), the same keys in both.",
  }),
  s3_bucket: str({ default: "", doc: "Bucket name (driver s3)." }),
  s3_endpoint: str({
    default: "",
    pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/,
    hint: "a URL such as https://s3.eu-central-1.amazonaws.com or http://garage.lan:3900",
    doc: "The bucket service's address (driver s3); empty means AWS S3 in s3_region.",
  }),
  s3_region: str({
    default: "us-east-1",
    doc: "Region the signatures name (driver s3); Garage and R2 take any value they were set up with, often auto.",
  }),
  s3_access_key_id: str({ default: "", doc: "Access key id (driver s3).", env: ["AWS_ACCESS_KEY_ID"] }),
  s3_secret_access_key: str({
    default: "",
    secret: true,
    doc: "Secret access key (driver s3); set it in the environment (AMARKTAI_STORAGE_S3_SECRET_ACCESS_KEY, its _FILE, or AWS_SECRET_ACCESS_KEY), not in the file.",
    env: ["AWS_SECRET_ACCESS_KEY"],
  }),
  s3_path_style: bool({
    default: true,
    doc: "Address objects as <endpoint>/<bucket>/<key> (Garage, SeaweedFS, most self-hosted services); false uses <bucket>.<endpoint>/<key>.",
  }),
  s3_cache_max_mb: int({
    default: 2048,
    min: 1,
    doc: "Driver s3: the most media_dir may hold of copies fetched from the bucket for ffmpeg, sharp and uploads; the least recently used go first (those used in the last hour stay).",
  }),
  s3_cache_max_age_hours: int({
    default: 24,
    min: 1,
    max: 24 * 90,
    doc: "Driver s3: a copy in media_dir not used for this long is removed (the bucket keeps the object).",
  }),
};

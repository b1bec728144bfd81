import type { Section, SectionValues } from "./option";
import * as core from "./sections/core";
import * as storage from "./sections/storage";
import * as llm from "./sections/llm";
import * as telegram from "./sections/telegram";
import * as pipeline from "./sections/pipeline";
import * as webapps from "./sections/webapps";
import * as proxy from "./sections/proxy";
import * as media from "./sections/media";
import * as platforms from "./sections/platforms";
import * as tracking from "./sections/tracking";
import * as operator from "./sections/operator";
import * as distributed from "./sections/distributed";

/** Every config section, by name. A new domain adds its section file here (one line). */
export const schema = {
  ...core,
  ...storage,
  ...llm,
  ...telegram,
  ...pipeline,
  ...webapps,
  ...proxy,
  ...media,
  ...platforms,
  ...tracking,
  ...operator,
  ...distributed,
} satisfies Record<string, Section>;

/** The typed config object passed down from start-up; nothing else reads process.env. */
export type Config = { [S in keyof typeof schema]: SectionValues<(typeof schema)[S]> };

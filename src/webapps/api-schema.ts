import { t } from "elysia";
import { PLATFORM_IDS } from "../platforms/ids";
import type { WebappRow } from "./store";

const text = (description: string, maxLength: number) => t.String({ description, maxLength });
const url = (description: string) => t.String({ description, maxLength: 2000 });

/** The fields a client may set on a web app (all optional here; POST requires `url`). */
const fields = {
  url: url("The web app's landing page (http or https)."),
  name: text("Name used in posts; read from the page when left out.", 100),
  sayNameAs: text("How the voiceover says the name, spelled as it sounds (e.g. Note Lee for Notely); empty: as written.", 100),
  description: text("What the app does; read from the page when left out.", 2000),
  ogImageUrl: url("Share image; read from og:image when left out."),
  faviconUrl: url("Icon; read from the page when left out."),
  themeColor: text("Theme colour, e.g. #0f766e; read from the page when left out.", 100),
  audience: text("Who the app is for.", 1000),
  voice: text("Voice and tone of posts.", 1000),
  keywords: t.Array(t.String({ maxLength: 60 }), { description: "Keywords (30 at most).", maxItems: 30 }),
  callToAction: text("Call to action, e.g. Start free.", 200),
  allowedHours: text("Allowed posting hours, HH:MM-HH:MM in your time zone; empty for any time.", 11),
  brandColors: t.Array(t.String({ pattern: "^#[0-9a-fA-F]{6}$" }), { description: "Brand colours as #rrggbb (8 at most).", maxItems: 8 }),
  utmSource: text("utm_source on links; {platform} becomes the platform id.", 100),
  utmMedium: text("utm_medium on links.", 100),
  utmCampaign: text("utm_campaign on links.", 100),
  platforms: t.Array(t.UnionEnum([...PLATFORM_IDS]), { description: "Where to market the app.", uniqueItems: true }),
  feeds: t.Array(t.String({ maxLength: 2000 }), { description: "RSS or Atom feed addresses (20 at most).", maxItems: 20 }),
  active: t.Boolean({ description: "Whether content is planned and posted for the app." }),
  linkedinLinkInComment: t.Boolean({ description: "LinkedIn posts carry their link in the first comment instead of the text." }),
};

const optional = t.Partial(t.Object(fields)).properties;

/** Body of POST /api/v1/webapps: only `url` is required. */
export const WebappCreateBody = t.Object({ ...optional, url: fields.url }, { additionalProperties: false });

/** Body of PATCH /api/v1/webapps/{id}: any subset of the fields. */
export const WebappPatchBody = t.Object(optional, { additionalProperties: false });

/** A web app as the API returns it. */
export const WebappSchema = t.Object({
  id: t.Integer(),
  ...fields,
  hasLogo: t.Boolean({ description: "Whether a logo was uploaded (through the web UI)." }),
  createdAt: t.String({ format: "date-time" }),
  updatedAt: t.String({ format: "date-time" }),
});

/** The API's JSON form of a web app row. */
export function webappJson(w: WebappRow) {
  return {
    id: w.id,
    url: w.url,
    name: w.name,
    sayNameAs: w.sayNameAs,
    description: w.description,
    ogImageUrl: w.ogImageUrl,
    faviconUrl: w.faviconUrl,
    themeColor: w.themeColor,
    audience: w.audience,
    voice: w.voice,
    keywords: w.keywords,
    callToAction: w.callToAction,
    allowedHours: w.allowedHours,
    brandColors: w.brandColors,
    utmSource: w.utmSource,
    utmMedium: w.utmMedium,
    utmCampaign: w.utmCampaign,
    platforms: w.platforms,
    feeds: w.feeds,
    active: w.active,
    linkedinLinkInComment: w.linkedinLinkInComment,
    hasLogo: w.logoPath !== "",
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

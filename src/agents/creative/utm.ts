import type { PlatformId } from "../../platforms/ids";

/** The UTM settings of a web app; "{platform}" in any of them becomes the platform id. */
export interface UtmSettings {
  url: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
}

/** The app URL with utm_source/medium/campaign for the platform and utm_content naming the item (date and variant). */
export function utmUrl(app: UtmSettings, platform: PlatformId, content: string): string {
  const url = new URL(app.url);
  const fill = (v: string) => v.replaceAll("{platform}", platform);
  if (app.utmSource) url.searchParams.set("utm_source", fill(app.utmSource));
  if (app.utmMedium) url.searchParams.set("utm_medium", fill(app.utmMedium));
  if (app.utmCampaign) url.searchParams.set("utm_campaign", fill(app.utmCampaign));
  url.searchParams.set("utm_content", content);
  return url.toString();
}

// Checking an app's client id and secret at a platform's token endpoint before anyone tries to connect with them.

/** What a check of app credentials found, with the sentence the Platforms page shows. */
export interface CredentialCheck {
  /** ok: the platform accepted them; failed: it refused them (or could not be asked); unchecked: the platform has no way to check them alone. */
  outcome: "ok" | "failed" | "unchecked";
  text: string;
}

/** A token endpoint's answer: status and the parsed JSON body (empty when it was not JSON). */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls a token endpoint (10 s limit); a network failure becomes a failed check naming the address. */
export async function callTokenEndpoint(label: string, url: string, init: RequestInit = {}): Promise<TokenAnswer | CredentialCheck> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    return {
      outcome: "failed",
      text: `${label}'s token endpoint ${new URL(url).origin} could not be reached (${e instanceof Error ? e.message : e}); check this box's internet connection and try again.`,
    };
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body };
}

/** The OAuth error text of a token endpoint answer (RFC 6749 5.2: error and error_description). */
export function oauthErrorText(a: TokenAnswer): string {
  const err = typeof a.body.error === "string" ? a.body.error : "";
  const desc = typeof a.body.error_description === "string" ? a.body.error_description : "";
  return [err, desc].filter(Boolean).join(": ") || `HTTP ${a.status}`;
}

/** Form-encoded POST options for a token endpoint. */
export function formPost(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

import { isHtmx } from "../http/guard";

type SetLike = { status?: number | string; headers: Record<string, unknown> };

/** Answers with HTML and a status: htmx gets the form partial (it swaps 4xx), a plain browser the whole page. */
export function formAnswer(
  request: Request,
  set: SetLike,
  status: number,
  partial: () => JSX.Element,
  page: () => JSX.Element,
): JSX.Element {
  set.status = status;
  set.headers["content-type"] = "text/html; charset=utf-8";
  return isHtmx(request) ? partial() : page();
}

/** Answers with a full HTML page and a status. */
export function pageAnswer(set: SetLike, status: number, page: JSX.Element): JSX.Element {
  set.status = status;
  set.headers["content-type"] = "text/html; charset=utf-8";
  return page;
}

/** A redirect (303, or HX-Redirect for htmx) that also sets a cookie. */
export function redirectSettingCookie(request: Request, to: string, cookie: string): Response {
  const headers = new Headers({ "set-cookie": cookie });
  if (isHtmx(request)) {
    headers.set("HX-Redirect", to);
    return new Response(null, { status: 200, headers });
  }
  headers.set("location", to);
  return new Response(null, { status: 303, headers });
}

import Html from "@kitajs/html";
import type { User } from "../../src/auth/sessions";
import { brand, onBrandChange } from "./brand";
import { onSiteWarningChange, siteWarning } from "./site-warning";

/** The sidebar sections, in order. */
export const NAV = [
  { id: "dashboard", href: "/dashboard", label: "Dashboard" },
  { id: "webapps", href: "/webapps", label: "Web apps" },
  { id: "approval", href: "/approval", label: "Approval" },
  { id: "inbox", href: "/inbox", label: "Inbox" },
  { id: "composer", href: "/compose", label: "Write a post" },
  { id: "calendar", href: "/calendar", label: "Calendar" },
  { id: "content", href: "/content", label: "Content" },
  { id: "analytics", href: "/analytics", label: "Analytics" },
  { id: "platforms", href: "/platforms", label: "Platforms" },
  { id: "settings", href: "/settings", label: "Settings" },
] as const;

/** A section id of the sidebar. */
export type NavId = (typeof NAV)[number]["id"];

/**
 * Returns a rendered fragment as one flat string. Kita builds HTML by concatenation, which the engine keeps
 * as a tree of pieces until someone reads the characters; a fragment kept for reuse is flattened once here,
 * so each page that includes it copies one piece instead of walking the whole tree again.
 */
function flat(html: JSX.Element): string {
  const s = html as string;
  s.charCodeAt(0);
  return s;
}

// The parts of the shell that never change are rendered once, when the module loads (Kita renders
// attributes at run time, and the shell is most of every page's work).
const HEAD_META = flat(
  <>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="same-origin" />
    <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
  </>,
);
const HEAD_ASSETS = flat(
  <>
    <link rel="stylesheet" href="/public/app.css" />
    <link rel="icon" href="/public/favicon.svg" type="image/svg+xml" />
    <script src="/public/htmx.min.js" defer></script>
    <script src="/public/tables.js" defer></script>
  </>,
);
// The sidebar's brand is the same on every page: rendered once per brand (the operator's name in operator mode).
let sidebarBrand: { for: object; html: string } | undefined;
function sidebarBrandHtml(): string {
  const b = brand();
  if (sidebarBrand?.for !== b)
    sidebarBrand = {
      for: b,
      html: flat(
        <a class="brand" href="/dashboard">
          <img src={b.logo} alt="" width="28" height="28" />
          <span safe>{b.short}</span>
        </a>,
      ),
    };
  return sidebarBrand.html;
}

/** The HTML document shell shared by every page. */
export function Document(props: { title: string; csrf?: string; children?: JSX.Element }): JSX.Element {
  const headers = props.csrf ? JSON.stringify({ "X-CSRF-Token": props.csrf }) : undefined;
  return (
    <>
      {"<!doctype html>"}
      <html lang="en">
        <head>
          {HEAD_META as "safe"}
          <title safe>{`${props.title} · ${brand().name}`}</title>
          {HEAD_ASSETS as "safe"}
        </head>
        <body hx-headers:inherited={headers}>{props.children as "safe"}</body>
      </html>
    </>
  );
}

/** What the shell around a signed-in page shows: the page's title and section, who is signed in, and their unread notification count. */
export interface PageProps {
  title: string;
  user: User;
  csrf: string;
  /** Unread notifications, shown on the sidebar's bell (read with the session: `auth.unread`). */
  unread: number;
  active: NavId;
}

/** A signed-in page: sidebar with the sections, the user's menu, and the main content. */
export function Page(props: PageProps & { children?: JSX.Element }): JSX.Element {
  const [before, after] = shellAround(props);
  const content = props.children ?? "";
  return typeof content === "string" ? before + content + after : content.then((c) => before + c + after);
}

// A user's shell (everything around the page's content) is the same on every page they open with the same
// title, section, session and unread count, and rendering it was most of a page's cost (Kita renders every
// attribute at run time and the garbage it leaves costs as much again). It is rendered once per distinct
// input and reused, split around a marker that escaped text can never contain.
const SLOT = "<!--amarktai:content-->";

const SHELLS_KEPT = 256;
const shells = new Map<string, readonly [string, string]>();
onSiteWarningChange(() => shells.clear());
onBrandChange(() => shells.clear());

function shellAround(props: PageProps): readonly [string, string] {
  const key = JSON.stringify([props.active, props.title, props.csrf, props.user.name, props.unread, props.user.billingBanner]);
  let parts = shells.get(key);
  if (parts === undefined) {
    const html = (
      <Shell title={props.title} user={props.user} csrf={props.csrf} unread={props.unread} active={props.active}>
        {SLOT as "safe"}
      </Shell>
    ) as string;
    const at = html.indexOf(SLOT);
    parts = [flat(html.slice(0, at)), flat(html.slice(at + SLOT.length))];
    if (shells.size >= SHELLS_KEPT) shells.delete(shells.keys().next().value!);
    shells.set(key, parts);
  }
  return parts;
}

function Shell(props: PageProps & { children?: JSX.Element }): JSX.Element {
  const warning = siteWarning();
  return (
    <Document title={props.title} csrf={props.csrf}>
      <div class="shell">
        <nav class="sidebar" aria-label="Main">
          {sidebarBrandHtml() as "safe"}
          {navList(props.active) as "safe"}
          <Bell unread={props.unread} />
          <form method="post" action="/logout" class="signout">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <span class="who" safe>
              {props.user.name}
            </span>
            <button type="submit" class="link">
              Sign out
            </button>
          </form>
        </nav>
        <main id="main">
          {warning ? (
            <div class="notice notice-warn site-warning" role="status">
              <span safe>{warning.text}</span>{" "}
              <a href={warning.href} safe>
                {warning.linkText}
              </a>
            </div>
          ) : (
            ""
          )}
          {props.user.billingBanner ? (
            <div class="notice notice-warn billing-banner" role="status">
              <span safe>{props.user.billingBanner}</span> <a href="/billing">Update your card</a>
            </div>
          ) : (
            ""
          )}
          <h1 safe>{props.title}</h1>
          {props.children as "safe"}
        </main>
      </div>
    </Document>
  );
}

// The section list depends only on which section is current, and every signed-in page renders it: built
// once per section instead of once per request.
const navLists = new Map<NavId, JSX.Element>();
function navList(active: NavId): JSX.Element {
  let list = navLists.get(active);
  if (list === undefined) {
    list = (
      <ul>
        {NAV.map((n) => (
          <li>
            <a href={n.href} aria-current={n.id === active ? "page" : undefined}>
              <span>{n.label}</span>
              {n.id === "inbox" ? <span class="nav-count" hx-get="/inbox/count" hx-trigger="load" hx-swap="outerHTML"></span> : ""}
            </a>
          </li>
        ))}
      </ul>
    );
    list = flat(list);
    navLists.set(active, list);
  }
  return list;
}

const BELL_ICON = flat(
  <svg
    class="icon"
    aria-hidden="true"
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>,
);

/** The bell link to /notifications with the unread count as a badge (no badge at zero). */
function Bell(props: { unread: number }): JSX.Element {
  const unread = props.unread;
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <a class="bell" href="/notifications" aria-label={label}>
      {BELL_ICON as "safe"}
      <span>Notifications</span>
      {unread > 0 ? <span class="badge count">{Html.escapeHtml(unread > 99 ? "99+" : String(unread))}</span> : ""}
    </a>
  );
}

/** "Settings › <this page>" above a page that belongs to Settings but lives on its own URL. */
export function Breadcrumb(props: { parent: { href: string; label: string }; current: string }): JSX.Element {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <a href={props.parent.href} safe>
        {props.parent.label}
      </a>
      <span aria-hidden="true"> › </span>
      <span aria-current="page" safe>
        {props.current}
      </span>
    </nav>
  );
}

/** A centred card page for signed-out screens (setup, login, reset, invite, link confirmations). */
export function AuthPage(props: { title: string; children?: JSX.Element }): JSX.Element {
  return (
    <Document title={props.title}>
      <main class="auth">
        <div class="card auth-card">
          <div class="brand">
            <img src={brand().logo} alt="" width="32" height="32" />
            <span safe>{brand().name}</span>
          </div>
          <h1 safe>{props.title}</h1>
          {props.children as "safe"}
        </div>
      </main>
    </Document>
  );
}

/** A message box: error, success or info, announced to screen readers. */
export function Notice(props: { kind: "error" | "ok" | "info"; children?: JSX.Element }): JSX.Element {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children as "safe"}
    </div>
  );
}

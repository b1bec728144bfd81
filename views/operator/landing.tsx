import type { FaqConfig, FeatureConfig, PlanConfig } from "../../src/config/sections/operator";
import { formatMoney, QUOTAS, quotaAmount } from "../../src/model/quotas";

/** What the public pages show, taken from the operator config. */
export interface Storefront {
  name: string;
  tagline: string;
  logo: string;
  baseUrl: string;
  features: FeatureConfig[];
  faq: FaqConfig[];
  plans: PlanConfig[];
  currency: string;
  contactEmail: string;
  imprintUrl: string;
  privacyUrl: string;
  /** Whether anyone may sign up (auth.signup is open). */
  signupOpen: boolean;
}

/** The public pages' document: its own head with description and Open Graph tags, local styles only, no scripts. */
function PublicDocument(props: {
  title: string;
  description: string;
  path: string;
  store: Storefront;
  children?: JSX.Element;
}): JSX.Element {
  const s = props.store;
  return (
    <>
      {"<!doctype html>"}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{props.title}</title>
          <meta name="description" content={props.description} />
          <meta property="og:type" content="website" />
          <meta property="og:site_name" content={s.name} />
          <meta property="og:title" content={props.title} />
          <meta property="og:description" content={props.description} />
          <meta property="og:url" content={s.baseUrl + props.path} />
          <meta property="og:image" content={s.baseUrl + s.logo} />
          <meta name="twitter:card" content="summary" />
          <link rel="canonical" href={s.baseUrl + props.path} />
          <link rel="stylesheet" href="/public/landing.css" />
          <link rel="stylesheet" href="/operator/theme.css" />
          <link rel="icon" href="/public/favicon.svg" type="image/svg+xml" />
        </head>
        <body class="landing">
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <a class="brand" href="/">
              <img src={s.logo} alt="" width="32" height="32" />
              <span safe>{s.name}</span>
            </a>
            <nav aria-label="Site">
              <a href="/pricing">Pricing</a>
              <a href="/login">Sign in</a>
              {s.signupOpen ? (
                <a class="button" href="/signup">
                  Sign up
                </a>
              ) : (
                ""
              )}
            </nav>
          </header>
          <main id="main">{props.children as "safe"}</main>
          <Footer store={s} />
        </body>
      </html>
    </>
  );
}

function Footer(props: { store: Storefront }): JSX.Element {
  const s = props.store;
  return (
    <footer class="foot">
      <p safe>{`© ${s.name}`}</p>
      <ul>
        {s.contactEmail ? (
          <li>
            <a href={`mailto:${s.contactEmail}`} safe>
              {s.contactEmail}
            </a>
          </li>
        ) : (
          ""
        )}
        {s.imprintUrl ? (
          <li>
            <a href={s.imprintUrl}>Imprint</a>
          </li>
        ) : (
          ""
        )}
        {s.privacyUrl ? (
          <li>
            <a href={s.privacyUrl}>Privacy</a>
          </li>
        ) : (
          ""
        )}
      </ul>
    </footer>
  );
}

/** The plans side by side: prices, quotas and the way in. */
export function PlanCards(props: { store: Storefront }): JSX.Element {
  const s = props.store;
  return (
    <ul class="plans">
      {s.plans.map((p) => (
        <li class="plan">
          <h3 safe>{p.name}</h3>
          <p class="price">
            <strong safe>{p.price_month === 0 ? "Free" : formatMoney(p.price_month, s.currency)}</strong>
            {p.price_month === 0 ? "" : <span> a month</span>}
          </p>
          {p.price_year > 0 ? <p class="muted" safe>{`or ${formatMoney(p.price_year, s.currency)} a year`}</p> : ""}
          <ul class="quotas">
            {QUOTAS.map((q) => (
              <li safe>{quotaAmount(q.kind, p.quotas[q.kind], s.currency)}</li>
            ))}
          </ul>
          {s.signupOpen ? (
            <a class="button" href={`/signup?plan=${encodeURIComponent(p.id)}`}>
              {`Start with ${p.name}` as "safe"}
            </a>
          ) : (
            ""
          )}
        </li>
      ))}
    </ul>
  );
}

/** The landing page at / for signed-out visitors in operator mode. */
export function LandingPage(props: { store: Storefront }): JSX.Element {
  const s = props.store;
  return (
    <PublicDocument title={s.name} description={s.tagline} path="/" store={s}>
      <>
        <section class="hero">
          <h1 safe>{s.name}</h1>
          <p class="tagline" safe>
            {s.tagline}
          </p>
          <p class="actions">
            {s.signupOpen ? (
              <a class="button" href="/signup">
                Start now
              </a>
            ) : (
              ""
            )}
            <a class="button secondary" href="/pricing">
              See the plans
            </a>
          </p>
        </section>
        <section aria-labelledby="features-h">
          <h2 id="features-h">What it does</h2>
          <ul class="features">
            {s.features.map((f) => (
              <li>
                <h3 safe>{f.title}</h3>
                <p safe>{f.text}</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="plans-h">
          <h2 id="plans-h">Plans</h2>
          <PlanCards store={s} />
        </section>
        {s.faq.length > 0 ? (
          <section aria-labelledby="faq-h">
            <h2 id="faq-h">Questions</h2>
            <dl class="faq">
              {s.faq.map((f) => (
                <>
                  <dt safe>{f.question}</dt>
                  <dd safe>{f.answer}</dd>
                </>
              ))}
            </dl>
          </section>
        ) : (
          ""
        )}
      </>
    </PublicDocument>
  );
}

/** /pricing: the plans and what each includes. */
export function PricingPage(props: { store: Storefront }): JSX.Element {
  const s = props.store;
  return (
    <PublicDocument title={`Pricing · ${s.name}`} description={`Plans and prices of ${s.name}.`} path="/pricing" store={s}>
      <section aria-labelledby="plans-h">
        <h1 id="plans-h">Plans and prices</h1>
        <PlanCards store={s} />
      </section>
    </PublicDocument>
  );
}

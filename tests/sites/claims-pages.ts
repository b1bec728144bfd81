/**
 * HITOP: an API client whose SEO title is not its name, with a section heading named like a feature, pricing cards
 * (the currency before and after the amount, a limit on each plan), a testimonial in a figure, and numbers next to
 * nouns a claim could borrow ("2 MB", "10 groups").
 */
export const HITOP_HOME = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>HITOP - Postman Alternative | HTTP API Client</title>
<meta name="description" content="HITOP sends HTTP requests and shows the responses side by side.">
</head><body>
<nav><a href="/hitop/">Home</a></nav>
<main>
<h1>HITOP sends your HTTP requests and shows the answers side by side</h1>
<p>HITOP is a desktop HTTP client for developers who test APIs every day. No account needed.</p>
<h2>Why teams switch to HITOP</h2>
<section class="features">
  <h3>Collections you can share</h3><p>Keep requests in collections and share them with a link.</p>
  <h3>Environments per project</h3><p>Switch base URLs and tokens in one click.</p>
  <ul><li>Responses under 2 MB open instantly</li><li>Organise requests in 10 groups</li></ul>
</section>
<p>Used by 40,000 developers.</p>
<h2>Pricing</h2>
<div class="plan"><h3>Free</h3><p class="price">0 €</p><ul><li>Up to 3 workspaces</li><li>History of 7 days</li></ul></div>
<div class="plan"><h3>Pro</h3><p class="price">20€ / month</p><ul><li>Up to 10 team members</li><li>Mock servers</li></ul></div>
<div class="plan"><h3>Team</h3><p class="price">$49/month</p><ul><li>Single sign-on</li></ul></div>
<figure class="testimonial"><blockquote><p>“HITOP replaced three tools on my desk.”</p></blockquote>
<figcaption>Jane Roe, CTO at Acme</figcaption></figure>
</main>
<footer><p>© 2026 HITOP. 1 Main Street.</p></footer>
</body></html>`;

/** Cochez: a French checklist app (html lang="fr") with a pricing table and a testimonial whose footer names the person. */
export const COCHEZ_HOME = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Cochez — Listes de courses partagées</title>
<meta property="og:site_name" content="Cochez">
</head><body>
<h1>Vos listes de courses, partagées avec toute la famille</h1>
<p>Cochez synchronise vos listes de courses pour les familles pressées.</p>
<ul><li>Listes partagées en temps réel</li><li>Rayons triés automatiquement</li></ul>
<table class="pricing">
<tr><th>Formule</th><th>Solo</th><th>Famille</th></tr>
<tr><td>Prix</td><td>Gratuit</td><td>9 € / mois</td></tr>
<tr><td>Listes</td><td>jusqu'à 3 listes</td><td>illimitées</td></tr>
<tr><td>Partage</td><td>—</td><td>✓</td></tr>
</table>
<blockquote>« Je ne fais plus les courses sans Cochez. »<footer>Claire Martin, mère de trois enfants</footer></blockquote>
</body></html>`;

/** Zeitplan: a German planner with no lang attribute (the language comes from the text) and prices after the amount. */
export const ZEITPLAN_HOME = `<!doctype html>
<html><head><meta charset="utf-8"><title>Zeitplan | Dienstpläne für kleine Teams</title></head><body>
<h1>Dienstpläne, die sich selbst schreiben</h1>
<p>Zeitplan erstellt die Dienstpläne für Ihr Team und schickt sie an alle Mitarbeiter.</p>
<ul><li>Schichten per Drag and Drop tauschen</li><li>Urlaubsanträge mit einem Klick</li></ul>
<div class="tier"><h3>Basis</h3><p>12 € pro Monat</p><ul><li>Bis zu 15 Mitarbeiter</li></ul></div>
<p>Die Pläne sind für Teams mit bis zu 50 Personen gedacht und nicht für Konzerne.</p>
</body></html>`;

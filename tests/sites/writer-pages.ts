/**
 * Sites for the built-in writer, one per language it writes natively and one it does not: each has an SEO title that is
 * not the product's name, a pricing table or cards with the currency before or after the amount, a named testimonial
 * and numbers with their nouns.
 */

/** Rendez-vous: French booking app; pricing table with "€" after the amount, a testimonial, proof numbers. */
export const RDV_FR = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Rendez-vous — Prise de rendez-vous en ligne | Agenda pour indépendants</title>
<meta name="description" content="Rendez-vous permet à vos clients de réserver un créneau en ligne, sans coup de fil.">
<meta name="keywords" content="agenda, réservation en ligne, prise de rendez-vous, coiffeurs, kinésithérapeutes">
</head><body>
<h1>L'agenda en ligne des indépendants</h1>
<p>Rendez-vous permet à vos clients de réserver un créneau en ligne, sans coup de fil. Votre agenda se remplit pendant que vous travaillez.</p>
<h2>Pourquoi les coiffeurs choisissent Rendez-vous</h2>
<ul>
<li>Rappels par SMS la veille du rendez-vous</li>
<li>Page de réservation à votre nom</li>
<li>Synchronisation avec Google Agenda</li>
<li>Acomptes encaissés à la réservation</li>
<li>Liste d'attente automatique quand un client annule</li>
</ul>
<p>Plus de 3 200 salons et cabinets utilisent Rendez-vous chaque jour.</p>
<p>Les rappels réduisent les rendez-vous manqués de 40 %.</p>
<table class="pricing">
<tr><th>Formule</th><th>Essentiel</th><th>Pro</th></tr>
<tr><td>Tarif</td><td>Gratuit</td><td>19 € / mois</td></tr>
<tr><td>Agendas</td><td>1 agenda</td><td>jusqu'à 5 agendas</td></tr>
<tr><td>Rappels SMS</td><td>—</td><td>✓</td></tr>
</table>
<blockquote>« Mes clientes réservent le soir, et je n'ai plus de trous dans la journée. »<footer>Sophie Laurent, coiffeuse à Lyon</footer></blockquote>
<footer><p>© 2026 Rendez-vous SAS. 12 rue de la Paix.</p></footer>
</body></html>`;

/** Vorrat: German pantry app; pricing cards with "€" after the amount, a testimonial, proof numbers. */
export const VORRAT_DE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<title>Vorrat | Die Einkaufsliste für Familien – jetzt kostenlos</title>
<meta name="description" content="Vorrat plant Ihre Einkäufe nach dem, was schon im Kühlschrank steht.">
<meta name="keywords" content="Einkaufsliste, Vorratshaltung, Familienküche, Lebensmittel">
</head><body>
<h1>Einkaufen mit Plan</h1>
<p>Vorrat plant Ihre Einkäufe nach dem, was schon im Kühlschrank steht. Die ganze Familie sieht dieselbe Liste.</p>
<ul>
<li>Gemeinsame Einkaufsliste für die ganze Familie</li>
<li>Barcode scannen und Vorräte sofort erfassen</li>
<li>Erinnerung, bevor Lebensmittel ablaufen</li>
<li>Rezepte aus den Resten im Kühlschrank</li>
</ul>
<p>Über 25.000 Haushalte nutzen Vorrat jede Woche.</p>
<p>Familien werfen im Schnitt 30 % weniger Lebensmittel weg.</p>
<div class="plan"><h3>Basis</h3><p class="price">0 €</p><ul><li>Bis zu 2 Listen</li></ul></div>
<div class="plan"><h3>Familie</h3><p class="price">3,99 € / Monat</p><ul><li>Unbegrenzte Listen</li><li>Bis zu 6 Mitglieder</li></ul></div>
<blockquote>„Seit Vorrat kaufen wir nichts mehr doppelt.“<footer>Jonas Weber, Vater von zwei Kindern</footer></blockquote>
</body></html>`;

/** Cuaderno: Spanish notes app for teachers; pricing cards with "$" before the amount, a testimonial. */
export const CUADERNO_ES = `<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<title>Cuaderno - Notas de clase para docentes | La mejor app educativa</title>
<meta name="description" content="Cuaderno guarda las notas de clase de cada alumno en un solo lugar.">
<meta name="keywords" content="docentes, notas de clase, evaluación, cuaderno del profesor">
</head><body>
<h1>Tus notas de clase, ordenadas</h1>
<p>Cuaderno guarda las notas de clase de cada alumno en un solo lugar. Funciona sin conexión en el aula.</p>
<ul>
<li>Rúbricas listas para copiar</li>
<li>Informes para familias en un clic</li>
<li>Funciona sin conexión en el aula</li>
<li>Exportación a hoja de cálculo</li>
</ul>
<p>Más de 8.000 docentes usan Cuaderno en sus clases.</p>
<div class="plan"><h3>Gratis</h3><p class="price">$0</p><ul><li>Hasta 2 grupos</li></ul></div>
<div class="plan"><h3>Docente</h3><p class="price">$5/month</p><ul><li>Grupos ilimitados</li><li>Informes en PDF</li></ul></div>
<blockquote>“Preparo las reuniones con las familias en diez minutos.” — Lucía Gómez, profesora de primaria</blockquote>
</body></html>`;

/** Prenota: Italian restaurant booking app; pricing table with "€" after the amount, a testimonial. */
export const PRENOTA_IT = `<!doctype html>
<html lang="it"><head><meta charset="utf-8">
<title>Prenota · Prenotazioni per ristoranti</title>
<meta property="og:site_name" content="Prenota">
<meta name="description" content="Prenota raccoglie le prenotazioni del tuo ristorante in un unico calendario.">
</head><body>
<h1>Le prenotazioni del tuo ristorante, in un unico calendario</h1>
<p>Prenota raccoglie le prenotazioni del tuo ristorante in un unico calendario.</p>
<ul>
<li>Mappa dei tavoli aggiornata in tempo reale</li>
<li>Conferme automatiche via email</li>
<li>Lista d'attenzione per allergie e intolleranze</li>
</ul>
<p>Oltre 1.500 ristoranti gestiscono le prenotazioni con Prenota.</p>
<table><tr><th>Piano</th><th>Base</th><th>Completo</th></tr>
<tr><td>Prezzo</td><td>Gratis</td><td>29 € / mese</td></tr>
<tr><td>Coperti</td><td>fino a 40 coperti</td><td>illimitati</td></tr></table>
<blockquote>«Il sabato sera non perdiamo più nessuna prenotazione.»<footer>Marco Bianchi, titolare di Trattoria da Marco</footer></blockquote>
</body></html>`;

/** Planbord: a Dutch planning app (a language the built-in writer does not write). */
export const PLANBORD_NL = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Planbord | Roosters voor kleine teams</title>
<meta name="description" content="Planbord maakt het rooster voor je team en stuurt het naar iedereen."></head><body>
<h1>Roosters die zichzelf maken</h1>
<p>Planbord maakt het rooster voor je team en stuurt het naar iedereen.</p>
<ul><li>Diensten ruilen met één klik</li><li>Verlof aanvragen vanaf je telefoon</li></ul>
<p>Meer dan 900 teams plannen met Planbord.</p>
</body></html>`;

/** Caixa: Portuguese invoicing app for freelancers; pricing cards with "R$" before the amount, a testimonial. */
export const CAIXA_PT = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8">
<title>Caixa | Notas fiscais para autônomos — emita em segundos</title>
<meta name="description" content="Caixa emite suas notas fiscais e avisa quando um cliente não pagou.">
</head><body>
<h1>Suas notas fiscais, sem planilha</h1>
<p>Caixa emite suas notas fiscais e avisa quando um cliente não pagou. Tudo fica guardado na nuvem.</p>
<ul>
<li>Emissão de nota fiscal em poucos cliques</li>
<li>Lembretes automáticos de cobrança por e-mail</li>
<li>Relatório mensal para o seu contador</li>
</ul>
<p>Mais de 6.000 autônomos usam o Caixa todos os meses.</p>
<div class="plan"><h3>Básico</h3><p class="price">Grátis</p><ul><li>Até 5 notas por mês</li></ul></div>
<div class="plan"><h3>Profissional</h3><p class="price">€9/month</p><ul><li>Notas ilimitadas</li></ul></div>
<blockquote>“Parei de correr atrás de cliente para receber.” — Ana Souza, designer</blockquote>
</body></html>`;

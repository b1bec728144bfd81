import { phrases } from "./phrases";
import type { PreparedText } from "./text";

/** A comment is spam when its signals add up to this: one strong signal, or a link with one weak one. */
export const SPAM_THRESHOLD = 3;

// Follow-for-follow, sub-for-sub and friends: never said by someone talking about the post.
const FOLLOW_BACK = phrases([
  "f4f",
  "l4l",
  "s4s",
  "sub4sub",
  "sub 4 sub",
  "follow ?(?:for|4) ?follow",
  "follow (?:me )?back",
  "(?:i|i'll|i will) (?:always )?follow (?:you )?back",
  "sub (?:to me|back)",
  "subscribe to (?:me|my channel)",
  "(?:i will|i'll) sub back",
  "just subbed to you",
  "abonne[- ]toi",
  "je m'abonne en retour",
  "suis[- ]moi",
  "je te suis en retour",
  "folge mir",
  "folge (?:ich dir|zuruck)",
  "folgst du mir",
  "sigueme",
  "te sigo(?: de vuelta)?",
]);

// Asking to move the conversation somewhere private or to a profile: the usual way into a scam or a sale.
const CONTACT = phrases([
  "dm me",
  "dm us",
  "send (?:me|us) a (?:dm|message)",
  "message (?:me|her|him|us)",
  "inbox me",
  "text me",
  "write (?:me|to me)",
  "ask me how",
  "add me on",
  "contact (?:me|him|her|us)",
  "(?:on|via|auf|por|sur) (?:whatsapp|telegram|signal)",
  "link in (?:my )?bio",
  "check (?:out )?my (?:bio|profile|page|channel|video|latest video|content)",
  "(?:visit|see|check) my (?:profile|page|channel|bio)",
  "my (?:profile|bio) for",
  "(?:on|in) my (?:page|profile|bio)",
  "(?:please )?check out my",
  "contactez[- ](?:moi|la|le)",
  "envo(?:yez|ie)[- ]moi",
  "en prive",
  "va voir mon profil",
  "viens voir ma chaine",
  "schreib(?: mir|e mir)",
  "kontaktiere mich",
  "schau (?:dir )?(?:auf )?mein(?:em)? profil",
  "escribeme",
  "escribele",
  "mandame",
  "visita mi (?:perfil|pagina|canal)",
  "book a call",
  "i want to be your friend",
  "(?:love|like) to be (?:your )?friends",
  "dm (?:@|us)",
  "(?:schreib|schreibt) (?:uns|mir)",
  "ecri(?:s|vez)[- ]moi",
  "escribenos",
  "al privado",
  "mandame (?:un )?mensaje",
  "en mp",
  "look (?:him|her|them) up",
  "(?:his|her|son|sa|su|seine|ihre) (?:contact|number|numero|nummer|kontakt)",
  "let's work together",
  "click (?:my|the link in my) (?:profile|link|bio)",
  "reply with your",
  "(?:join|check) (?:my|our) (?:discord|telegram|group|server)",
  "(?:on|sur|en|auf) (?:my|our|mon|mi|meinem) (?:page|profile|profil|perfil)",
]);

// Asking the owner to get in touch ("can you DM me the price?"): a customer's request, not a pitch, so a contact
// phrase inside one weighs 1 instead of 3 and only other signals can make the comment spam.
const ASKS_OWNER = phrases([
  "(?:can|could|would|will) (?:you|u|y'all|ya) (?:please |pls |plz )?(?:dm|message|text|write|inbox|email|send)",
  "(?:please|pls|plz) (?:dm|message|text|send) me (?:the|a|an|your|how|when|what|if)",
  "(?:vous pouvez|pouvez-vous|pourriez-vous|tu peux|peux-tu|tu pourrais) m'(?:ecrire|envoyer)",
  "(?:pueden|puedes|podrian|podrias|podes) (?:enviarme|escribirme|mandarme)",
  "(?:konnt|konnen|konntet|kannst|konnten) (?:ihr|sie|du) mir (?:schreiben|eine nachricht|eine mail)",
  "(?:podem|pode|poderia|poderiam) me (?:mandar|enviar|escrever)",
]);

// Engagement bait that goes with a prize ("for everyone who retweets"): adds to the prize.
const BAIT = phrases([
  "for everyone who (?:retweets|shares|likes|follows|comments)",
  "(?:retweet|share|like) (?:and|&|\\+) (?:follow|comment)",
]);

// Money for nothing: crypto, trading, "passive income", recovered wallets, prizes.
const MONEY = phrases([
  "bitcoin",
  "btc",
  "crypto(?:currency|monnaie)?",
  "criptomonedas?",
  "krypto",
  "forex",
  "trading",
  "airdrop",
  "\\$[a-z]{2,6}",
  "passive income",
  "investment opportunity",
  "investing with",
  "returns? (?:weekly|daily|guaranteed)",
  "guaranteed",
  "(?:earn|earning|make|making|made|gagnez|gagne|gane|gano|verdiene|verdient) (?:money|\\$?\\d)",
  "\\d+ ?k? (?:weekly|daily|a day|per day|/day|par jour|al dia|am tag|pro tag)",
  "(?:from|depuis) (?:home|chez vous)",
  "\\d[\\d,.]* ?(?:€|\\$|dollars?|dolares|euros?|k)? (?:a|per|par|la|al|die|pro|each) (?:day|week|month|jour|semaine|mois|dia|semana|mes|tag|woche|monat)",
  "stress(?:ed)? about money",
  "(?:crypto |trading )?signals",
  "doubl(?:e|ed) (?:my|your|mon|ton) (?:capital|money|investment)",
  "invest(?:iere|ieren|ir|is|issement)",
  "loans?",
  "low interest",
  "recover(?:ed)? (?:my |your )?(?:lost )?(?:crypto|wallet|funds)",
  "giving away",
]);

// Prizes nobody entered for.
const PRIZE = phrases([
  "giveaway",
  "gewinnspiel",
  "(?:you(?:'ve| have) been|you are) selected",
  "claim (?:your|it|now)",
  "free (?:iphone|macbooks?|gift ?cards?|followers|\\$)",
  "gift ?cards?",
  "(?:gratis|kostenlose|gratuits?) follower",
  "seguidores (?:gratis|ya)",
  "(?:giving|give) away",
  "free \\$?\\d+",
  "for everyone who (?:retweets|shares|likes|follows|comments)",
  "robux",
  "v-?bucks",
]);

// Selling reach or services to the poster: "promote it on", "grow your page".
const PROMOTION = phrases([
  "promote (?:it|your|on)",
  "promo (?:on|for)",
  "grow your (?:page|account|channel|business)",
  "go viral",
  "growth expert",
  "i help (?:saas|founders|businesses|brands)",
  "(?:mehr|more|plus d'|mas) (?:reichweite|reach|abonnes|seguidores|followers|likes)",
  "(?:selling|sell|vends|vendo|verkaufe)[\\p{L}\\d ]{0,24}(?:followers|abonnes|seguidores|follower|likes|views)",
  "(?:hot )?singles in your area",
  "your page has (?:great |huge )?potential",
  "recruiter",
  "send (?:us |me )?your cv",
]);

// Words of the reach trade, harmless alone ("more followers would help"), telling next to a link or a contact.
const REACH = phrases([
  "collab(?:oration)?",
  "collaborer",
  "colaborar",
  "(?:more|cheap|real) followers",
  "followers?",
  "seguidores",
  "best prices?",
  "\\d+x (?:leads|sales|growth)",
  "we (?:build|promote|help)",
]);

// A chat app named on its own may be a feature request ("does it post to Telegram?"); it only adds to other signals.
const CHAT_APP = phrases(["whatsapp", "telegram", "signal me"]);

// Links that hide where they go, or go straight to a private chat.
const HIDDEN_LINK = /^(?:bit\.ly|tinyurl\.com|goo\.gl|cutt\.ly|rb\.gy|t\.me|wa\.me|linktr\.ee|is\.gd|ow\.ly|shorturl\.at)\b/;
// A testimonial naming a person to contact ("Mrs. Jennifer", "Expert Daniel"): the recovery-scam script.
const NAMED_AGENT = /(?:^|[^\p{L}'])(?:mr|mrs|ms|miss|dr|expert|m|mme|sr|sra|senor|senora|frau|herr|herrn)\.? [\p{L}]{2,}/u;
const PHONE = /\+?\d[\d ().-]{7,18}\d/;

/** How spammy a prepared comment looks; `repeated` says the same text was seen on another post. */
export function spamScore(text: PreparedText, repeated: boolean): number {
  const f = text.folded;
  let score = 0;
  if (FOLLOW_BACK.test(f)) score += 3;
  if (CONTACT.test(f)) score += ASKS_OWNER.test(f) ? 1 : 3;
  if (MONEY.test(f)) score += 2;
  if (PRIZE.test(f)) score += BAIT.test(f) ? 3 : 2;
  if (PROMOTION.test(f)) score += 3;
  if (REACH.test(f)) score += 2;
  if (CHAT_APP.test(f)) score += 1;
  if (NAMED_AGENT.test(f) && score > 0) score += 1;
  if (PHONE.test(f) && score > 0) score += 2;
  if (text.links.length > 0) score += 2;
  if (text.links.some((l) => HIDDEN_LINK.test(l))) score += 2;
  if (repeated) score += 3;
  return score;
}

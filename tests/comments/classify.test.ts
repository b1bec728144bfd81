import { describe, expect, test } from "bun:test";
import { classifyComment } from "../../src/comments/classify";
import { MAX_ANALYSED_CHARS, cleanComment, fingerprintComment } from "../../src/comments/text";

const labelsOf = (text: string) => classifyComment({ text }).labels;

describe("classifyComment labels", () => {
  test("answers exactly {labels, spam, language}", () => {
    const got = classifyComment({ text: "How much is the pro plan?", platform: "youtube" });
    expect(Object.keys(got).sort()).toEqual(["labels", "language", "spam"]);
    expect(got).toEqual({ labels: ["question", "purchase_intent"], spam: false, language: "en" });
  });

  test("spam: links to elsewhere with a pitch, crypto and DM me, follow-for-follow, with or without a link", () => {
    for (const text of [
      "Check out my channel for more tips! youtube.com/@someoneelse",
      "I made $4,000 this week trading Bitcoin, message her on WhatsApp +1 555 0100",
      "follow for follow? I always follow back",
      "Nice post! DM me to collab, we promote small brands",
      "Abonne-toi à mon compte, je m'abonne en retour",
      "Folge mir, ich folge zurück!",
      "Sígueme y te sigo de vuelta",
      "Envoie-moi un message pour une collaboration payée",
      "Congratulations, you have been selected! Claim your prize at bit.ly/3xYz",
    ]) {
      expect(classifyComment({ text })).toMatchObject({ labels: ["spam"], spam: true });
    }
  });

  test("spam: styled letters and zero-width characters do not hide a pitch", () => {
    expect(classifyComment({ text: "𝐃𝐌 𝐦𝐞 for a paid collab" }).spam).toBe(true);
    expect(classifyComment({ text: "f\u200B4\u200Bf anyone" }).spam).toBe(true);
  });

  test("a link is not spam by itself: praise with a link stays praise, the app's own link never counts", () => {
    expect(classifyComment({ text: "Great work, the docs at https://docs.mealplanr.app helped a lot" })).toMatchObject({
      labels: ["praise"],
      spam: false,
    });
    expect(classifyComment({ text: "I'm impressed, the docs at https://docs.mealplanr.app helped a lot" }).spam).toBe(false);
    expect(classifyComment({ text: "I'm planning a collab with my sister using this, love it" }).spam).toBe(false);
    const pitch = "Best prices this week: mealplanr.app/pro";
    expect(classifyComment({ text: pitch }).spam).toBe(true);
    expect(classifyComment({ text: pitch, ownDomains: ["mealplanr.app"] }).spam).toBe(false);
  });

  test("the same text seen on another post is spam, as raw texts or as fingerprints; short common phrases are not", () => {
    const text = "Amazing video, I learned so much";
    expect(classifyComment({ text }).spam).toBe(false);
    expect(classifyComment({ text, seenTexts: ["amazing video!! I learned so much 🙏"] }).spam).toBe(true);
    expect(classifyComment({ text, seenTexts: new Set([fingerprintComment("AMAZING VIDEO, i learned so much.")]) }).spam).toBe(true);
    expect(classifyComment({ text, seenTexts: ["Amazing video, I learned a lot"] }).spam).toBe(false);
    expect(classifyComment({ text: "first!", seenTexts: ["first"] }).spam).toBe(false);
  });

  test("questions, with and without a question mark, in four languages", () => {
    for (const text of [
      "Does it work offline?",
      "how do I export my data to csv",
      "wait is this free",
      "name of the app pls",
      "c'est gratuit",
      "Est-ce que ça marche sur Mac",
      "gibt es das auch auf deutsch",
      "welche Programmiersprache hast du benutzt",
      "como se descarga la app",
      "¿Funciona sin conexión?",
    ]) {
      expect(labelsOf(text)).toContain("question");
    }
    expect(labelsOf("Who's here in 2026?")).toEqual(["other"]);
    expect(labelsOf("how cool is this")).not.toContain("question");
  });

  test("complaints and bug reports, including ones phrased as questions", () => {
    expect(labelsOf("App crashes every time I upload a photo")).toEqual(["complaint"]);
    expect(labelsOf("Why does it log me out every time I close the tab?")).toEqual(["question", "complaint"]);
    expect(labelsOf("Depuis la mise à jour l'export ne fonctionne plus")).toEqual(["complaint"]);
    expect(labelsOf("Die App stürzt dauernd ab")).toEqual(["complaint"]);
    expect(labelsOf("La app se cierra sola")).toEqual(["complaint"]);
  });

  test("English words rated by AFINN-165 find praise and complaints the phrase lists do not name; only in English", () => {
    expect(labelsOf("What a delightful little tool")).toEqual(["praise"]);
    expect(labelsOf("The new layout is confusing")).toEqual(["complaint"]);
    expect(labelsOf("not impressed with the new layout")).toEqual(["complaint"]);
    // German "die" and Spanish "sin" are not the English words.
    expect(labelsOf("Wie sieht die Oberfläche auf dem Handy aus")).toEqual(["question"]);
    expect(labelsOf("¿Funciona sin conexión?")).toEqual(["question"]);
    // A kind word inside a question asks; it does not praise.
    expect(labelsOf("does it support dark mode")).toEqual(["question"]);
  });

  test("sarcasm is a complaint, not praise", () => {
    expect(labelsOf("Oh wonderful, the sync broke again. Fantastic job guys.")).toEqual(["complaint"]);
    expect(labelsOf("Great, another app that wants my credit card for a free trial. Love that for me.")).toEqual(["complaint"]);
  });

  test("praise, in words and in emoji", () => {
    expect(labelsOf("Love this! So simple and it just works")).toEqual(["praise"]);
    expect(labelsOf("🔥🔥🔥")).toEqual(["praise"]);
    expect(labelsOf("Super appli, merci beaucoup !")).toEqual(["praise"]);
    expect(labelsOf("Richtig cooles Tool, danke!")).toEqual(["praise"]);
    expect(labelsOf("Me encanta, muchas gracias")).toEqual(["praise"]);
  });

  test("purchase intent", () => {
    expect(labelsOf("Shut up and take my money")).toEqual(["purchase_intent"]);
    expect(labelsOf("We'd like to buy licenses for our team")).toContain("purchase_intent");
    expect(labelsOf("Combien coûte l'abonnement annuel ?")).toEqual(["question", "purchase_intent"]);
    expect(labelsOf("Was kostet die Teamversion?")).toEqual(["question", "purchase_intent"]);
    expect(labelsOf("¿Cuánto cuesta el plan premium?")).toEqual(["question", "purchase_intent"]);
  });

  test("toxic, and a complaint that swears at the people behind the app", () => {
    expect(labelsOf("you're a clown, nobody needs this")).toEqual(["toxic"]);
    expect(labelsOf("What a scam, you f*cking thieves took my money")).toEqual(["toxic", "complaint"]);
    expect(labelsOf("Halt die Klappe, du Idiot")).toEqual(["toxic"]);
    // Spanish "con" means "with": no insult there.
    expect(labelsOf("¿Funciona con Google Calendar?")).not.toContain("toxic");
  });

  test("other: nothing to answer", () => {
    expect(labelsOf("@jess_k look at this")).toEqual(["other"]);
    expect(labelsOf("")).toEqual(["other"]);
  });
});

describe("classifyComment language", () => {
  test("ISO 639-1 codes for English, French, German and Spanish, even for short comments", () => {
    expect(classifyComment({ text: "how much does it cost" }).language).toBe("en");
    expect(classifyComment({ text: "Combien ça coûte ?" }).language).toBe("fr");
    expect(classifyComment({ text: "Wie viel kostet das" }).language).toBe("de");
    expect(classifyComment({ text: "cuánto cuesta" }).language).toBe("es");
    expect(classifyComment({ text: "Tolle App!" }).language).toBe("de");
  });

  test("links, mentions and emoji do not decide the language; too few letters gives und", () => {
    expect(classifyComment({ text: "@tobi_the_builder schau mal, das ist richtig gut" }).language).toBe("de");
    expect(classifyComment({ text: "🔥🔥🔥" }).language).toBe("und");
    expect(classifyComment({ text: "https://example.com" }).language).toBe("und");
  });
});

describe("classifyComment on hostile input", () => {
  test("never throws on values that are not text", () => {
    for (const text of [undefined, null, 42, {}, [], Symbol("x"), () => 1]) {
      expect(classifyComment({ text } as never)).toEqual({ labels: ["other"], spam: false, language: "und" });
    }
    expect(classifyComment(undefined as never)).toEqual({ labels: ["other"], spam: false, language: "und" });
  });

  test("NUL bytes, bidi overrides and HTML are read as the words they hide", () => {
    expect(cleanComment("D\u0000M me\u202E now <b>please</b> &amp; thanks")).toBe("DM me now please & thanks");
    expect(classifyComment({ text: "<script>alert(1)</script>Does it work\u0000 on Android\u202E?" }).labels).toContain("question");
    expect(classifyComment({ text: "<a href='https://x.example'>dm me</a> for crypto" }).spam).toBe(true);
  });

  test("10,000 characters and a 1 MB paste are read up to the cap, in bounded time", () => {
    const long = `Love it! ${"a".repeat(9_990)}`;
    expect(classifyComment({ text: long }).labels).toEqual(["praise"]);
    expect(cleanComment("x".repeat(1_000_000))).toHaveLength(MAX_ANALYSED_CHARS);
    const nasty = "<".repeat(500_000) + "a".repeat(500_000) + "http://".repeat(50_000);
    const started = performance.now();
    for (let i = 0; i < 20; i++) classifyComment({ text: nasty, seenTexts: [nasty] });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("spam at its edges", () => {
  test("asking the owner to get in touch is a question, a contact pitch is spam", () => {
    expect(labelsOf("Can you DM me the price for a team of 10?")).toEqual(expect.arrayContaining(["question", "purchase_intent"]));
    expect(labelsOf("Pueden enviarme un mensaje con el precio?")).not.toContain("spam");
    expect(labelsOf("DM me for a collab, I have 200k followers")).toEqual(["spam"]);
    expect(labelsOf("Could you message me? I made $3,000 with Mr. Alex on WhatsApp")).toEqual(["spam"]);
  });

  test("a link to the app's own domain is not spam; the same pitch with another domain is", () => {
    const text = "Best prices this week: notely.app/deal";
    expect(classifyComment({ text, ownDomains: ["notely.app"] }).spam).toBe(false);
    expect(classifyComment({ text, ownDomains: ["other.example"] }).spam).toBe(true);
  });

  test("a prize with engagement bait is spam", () => {
    expect(labelsOf("🚨 FREE $500 for everyone who retweets 🚨")).toEqual(["spam"]);
  });
});

describe("the held-out split of tests/comments/labelled/hard.jsonl", () => {
  test("is fixed by the text's hash: each comment always lands on the same side, and about half are held out", async () => {
    const { readLabelled, splitByHash } = await import("../../bench/comments");
    const all = readLabelled("hard");
    const a = splitByHash(all);
    const b = splitByHash([...all].reverse());
    expect(new Set(a.heldout.map((c) => c.text))).toEqual(new Set(b.heldout.map((c) => c.text)));
    expect(a.heldout.length + a.dev.length).toBe(all.length);
    expect(a.heldout.length / all.length).toBeGreaterThan(0.3);
    expect(a.heldout.length / all.length).toBeLessThan(0.7);
  });
});

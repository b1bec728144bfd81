import { frame, linkPill, logoSlot, placeText, stack, type CardInput } from "./frame";
import { ICONS } from "./icons";
import type { ImagePlan } from "./plan";
import { gapOf, mix, readableText, typeSize } from "./style";

/** The testimonial card: a large quote mark, the customer's words, and who said them (name bold, role after). */
export function quoteCard(c: CardInput, t: { quote: string; person: string; role?: string }): ImagePlan {
  const { plan, content, accent } = frame("quote", c);
  const { width: w, height: h } = c;
  const mark = Math.round(Math.min(w, h) * 0.13);
  const gap = gapOf(w, h);
  const body = { ...content, top: content.top + mark + gap, height: content.height - mark - gap };
  const who = t.role ? `${t.person}, ${t.role}` : t.person;
  const s = stack(
    plan,
    body,
    [
      {
        role: "main",
        text: t.quote,
        maxSize: typeSize("h2", w, h),
        minSize: typeSize("min", w, h),
        weight: "bold",
        share: 0.72,
        leading: 1.2,
      },
      {
        role: "person",
        text: `— ${who}`,
        maxSize: typeSize("body", w, h),
        minSize: typeSize("min", w, h),
        weight: "regular",
        share: 0.2,
        color: accent,
      },
    ],
    { gap, middle: true },
  );
  plan.icons.push({
    box: { left: content.left, top: Math.max(content.top, s.top - gap - mark), width: mark, height: mark },
    path: ICONS.quote,
    color: accent,
  });
  return plan;
}

/** One plan of a price card: its name, its price as written, and what it includes. */
export interface PlanLine {
  name: string;
  price: string;
  includes?: string[];
}

/** The price card: up to three plans as panels, the name on the left, the price in the brand colour on the right. */
export function priceCard(c: CardInput, t: { plans: PlanLine[]; title?: string }): ImagePlan {
  const { plan, content } = frame("price", c);
  const { width: w, height: h } = c;
  const gap = gapOf(w, h, 0.6);
  const plans = t.plans.slice(0, 3);
  let top = content.top;
  if (t.title) {
    const title = stack(
      plan,
      { ...content, height: Math.round(content.height * 0.2) },
      [
        {
          role: "main",
          text: t.title,
          maxSize: typeSize("h2", w, h),
          minSize: typeSize("min", w, h),
          weight: "bold",
          share: 1,
          maxLines: 2,
        },
      ],
      { gap },
    );
    top = title.bottom + gap * 1.5;
  }
  const rowH = Math.floor((content.top + content.height - top - gap * (plans.length - 1)) / Math.max(1, plans.length));
  const panelH = Math.min(rowH, Math.round(Math.min(w, h) * 0.26));
  const stackH = plans.length * panelH + (plans.length - 1) * gap;
  top += Math.max(0, Math.floor((content.top + content.height - top - stackH) / 2));
  const base = plan.background.stops[0]!;
  // Panels lift off the background: white on light cards, a deeper shade of it on dark ones.
  const light = (readableText([base]) ?? [255, 255, 255])[0] < 128;
  const panelColour = light ? mix(base, [255, 255, 255], 0.85) : mix(base, [0, 0, 0], 0.28);
  const pad = Math.round(panelH * 0.16);
  for (const [i, p] of plans.entries()) {
    const box = { left: content.left, top: Math.round(top + i * (panelH + gap)), width: content.width, height: panelH };
    plan.shapes.push({ kind: "rect", box, color: panelColour, opacity: 1, radius: Math.round(pad * 0.8) });
    const inner = { left: box.left + pad, top: box.top + pad, width: box.width - pad * 2, height: box.height - pad * 2 };
    const priceW = Math.round(inner.width * 0.42);
    const nameW = inner.width - priceW - pad;
    const accentOnPanel = readableText([panelColour], c.brand.primary) ? c.brand.primary : undefined;
    const price = placeText(plan, {
      role: "figure",
      text: p.price,
      left: inner.left + nameW + pad,
      top: inner.top,
      width: priceW,
      height: inner.height,
      maxSize: typeSize("h1", w, h),
      minSize: typeSize("min", w, h),
      weight: "bold",
      align: "right",
      color: accentOnPanel,
      maxLines: 2,
    });
    const name = placeText(plan, {
      role: "row",
      text: p.name,
      left: inner.left,
      top: inner.top,
      width: nameW,
      height: Math.round(inner.height * (p.includes?.length ? 0.5 : 1)),
      maxSize: typeSize("h2", w, h),
      minSize: typeSize("min", w, h),
      weight: "bold",
      maxLines: 2,
    });
    plan.texts.push(price, name);
    if (p.includes?.length) {
      const room = inner.height - name.box.height - Math.round(pad * 0.4);
      if (room > typeSize("min", w, h) * 1.3)
        plan.texts.push(
          placeText(plan, {
            role: "sub",
            text: p.includes.slice(0, 2).join(" · "),
            left: inner.left,
            top: name.box.top + name.box.height + Math.round(pad * 0.4),
            width: nameW,
            height: room,
            maxSize: typeSize("small", w, h),
            minSize: typeSize("min", w, h),
            weight: "regular",
          }),
        );
    }
  }
  return plan;
}

/** The end card: the logo large in the middle, the name, the call to action, and the link on a pill. */
export function ctaCard(c: CardInput, t: { action: string }): ImagePlan {
  const { plan, content, accent } = frame("cta", c, { bare: true });
  const { width: w, height: h } = c;
  const gap = gapOf(w, h);
  const logo = Math.round(Math.min(w, h) * 0.2);
  const logoW = c.brand.logoFile ? Math.min(content.width, logo * 3) : logo;
  const link = linkPill(
    plan,
    c.brand.link,
    { left: content.left, bottom: content.top + content.height, width: content.width, centre: true },
    typeSize("body", w, h),
    c.brand,
  );
  const body = { ...content, top: content.top + logo + gap, height: link.top - gap - (content.top + logo + gap) };
  const s = stack(
    plan,
    body,
    [
      {
        role: "wordmark",
        text: c.brand.name,
        maxSize: typeSize("h1", w, h),
        minSize: typeSize("small", w, h),
        weight: "bold",
        share: 0.35,
        maxLines: 2,
      },
      { role: "main", text: t.action, maxSize: typeSize("h2", w, h), minSize: typeSize("min", w, h), weight: "regular", share: 0.55 },
    ],
    { gap, middle: true, align: "centre" },
  );
  const box = {
    left: content.left + Math.round((content.width - logoW) / 2),
    top: Math.max(content.top, s.top - gap - logo),
    width: logoW,
    height: logo,
  };
  plan.logo = logoSlot(c.brand, box, accent, plan.background.stops);
  return plan;
}

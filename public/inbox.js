// Keyboard triage on /inbox (j/k move, r reply, e done) and the reply's character count against the platform's limit.
(() => {
  const items = () => Array.from(document.querySelectorAll(".inbox-item"));
  let at = -1;
  const focus = (i) => {
    const list = items();
    if (list.length === 0) return;
    at = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((el, n) => el.classList.toggle("current", n === at));
    list[at].focus();
    list[at].scrollIntoView({ block: "nearest" });
  };
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t instanceof HTMLElement && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT")) {
      if (e.key === "Escape") t.blur();
      return;
    }
    const current = items()[at];
    if (e.key === "j") focus(at + 1);
    else if (e.key === "k") focus(at - 1);
    else if (e.key === "r" && current) {
      const box = current.querySelector("textarea");
      if (box) {
        e.preventDefault();
        box.focus();
      }
    } else if (e.key === "e" && current) current.querySelector('[data-key="e"]')?.click();
  });
  const count = (box) => {
    const limit = Number(box.dataset.limit || 0);
    const n = Array.from(box.value).length;
    const out = box.parentElement.querySelector(".reply-count");
    const over = limit > 0 && n > limit;
    if (out) out.textContent = over ? `${n} / ${limit} characters: too long for this platform` : `${n} / ${limit} characters`;
    box.setCustomValidity(over ? `The reply has ${n} characters; the limit here is ${limit}.` : "");
    box.classList.toggle("over", over);
  };
  document.addEventListener("input", (e) => {
    if (e.target instanceof HTMLTextAreaElement && e.target.dataset.limit) count(e.target);
  });
  document.querySelectorAll("textarea[data-limit]").forEach(count);
})();

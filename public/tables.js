// Tables become cards on a phone (see "Tables as cards" in app.css): each cell is labelled with its column's heading,
// read from the table's <th>s, so the stacked cells still say what they are. Runs on load and after htmx swaps.
(() => {
  const label = (root) => {
    for (const table of root.querySelectorAll(".table-wrap table")) {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      for (const row of table.querySelectorAll("tbody tr")) {
        [...row.children].forEach((cell, i) => {
          if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && heads[i]) cell.setAttribute("data-label", heads[i]);
        });
      }
    }
  };
  const start = () => {
    label(document);
    new MutationObserver(() => label(document)).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

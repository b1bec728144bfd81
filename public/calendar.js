// The calendar's drag and drop: a planned post dropped on another day keeps its time of day and moves to that day,
// through the page's hidden move form (an htmx post, the same one the Move form sends). Listeners sit on the
// document, so they keep working after htmx swaps the calendar in.
(() => {
  let dragged = null;
  const dayOf = (e) => (e.target instanceof Element ? e.target.closest(".cal-grid .cal-day") : null);
  document.addEventListener("dragstart", (e) => {
    const item = e.target instanceof Element ? e.target.closest(".cal-item[data-item]") : null;
    if (!item) return;
    dragged = item;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", item.dataset.item);
  });
  document.addEventListener("dragend", () => {
    dragged = null;
    for (const d of document.querySelectorAll(".cal-drop")) d.classList.remove("cal-drop");
  });
  document.addEventListener("dragover", (e) => {
    const day = dayOf(e);
    if (!day || !dragged) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    for (const d of document.querySelectorAll(".cal-drop")) if (d !== day) d.classList.remove("cal-drop");
    day.classList.add("cal-drop");
  });
  document.addEventListener("drop", (e) => {
    const day = dayOf(e);
    const form = document.getElementById("cal-drag");
    if (!day || !dragged || !form) return;
    e.preventDefault();
    if (dragged.closest(".cal-day") === day) return;
    // elements.item is the collection's item() method, so fields are looked up by name.
    form.elements.namedItem("item").value = dragged.dataset.item;
    form.elements.namedItem("plannedAt").value = `${day.dataset.date}T${dragged.dataset.time}`;
    form.requestSubmit();
  });
})();

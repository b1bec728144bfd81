// Preselects the browser's time zone in pickers marked data-guess="browser" (the server cannot know it).
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const select of document.querySelectorAll('select[data-guess="browser"]')) {
    if ([...select.options].some((o) => o.value === zone)) select.value = zone;
  }
});

// On a phone the filters start folded, so the results come first.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("filters-panel");
  if (panel && window.matchMedia("(max-width: 52rem)").matches) {
    panel.open = false;
  }
});

// An empty search or the "all programs" choice adds nothing to a shared URL.
document.addEventListener("htmx:configRequest", (event) => {
  const parameters = event.detail.parameters;
  for (const name of ["q", "program"]) {
    if (parameters[name] === "") {
      delete parameters[name];
    }
  }
});

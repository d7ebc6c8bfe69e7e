// On a phone the filters start folded, so the results come first.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("filters-panel");
  if (panel && window.matchMedia("(max-width: 52rem)").matches) {
    panel.open = false;
  }
});

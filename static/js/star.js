// The research statement's character count, as the candidate types (the page shows it without JavaScript too,
// as sent). Line breaks count as one character, as the server counts them.
document.querySelectorAll("textarea[data-count-target]").forEach((field) => {
  const output = document.getElementById(field.dataset.countTarget);
  const template = field.dataset.countTemplate;
  if (!output || !template) return;
  let timer = null;
  const show = () => {
    output.textContent = template.replace("__COUNT__", String(field.value.length));
  };
  // Screen readers hear the count once typing pauses, not at every key.
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(show, 400);
  });
});

// Formatting buttons above a draft's description and requirements (templates/recruit/drafting/posting_form.html):
// each puts the selected text in a tag of the safe subset (postings/sanitize.py), or makes the selected lines a
// "- " list. Without JavaScript the tags are typed by hand, as the help under the fields shows.
document.addEventListener("DOMContentLoaded", () => {
  const template = document.getElementById("format-toolbar");
  if (!template) {
    return;
  }
  for (const area of document.querySelectorAll("textarea[data-formatting]")) {
    const toolbar = template.content.firstElementChild.cloneNode(true);
    const label = document.querySelector(`label[for="${area.id}"]`);
    if (label) {
      toolbar.setAttribute("aria-label", `${toolbar.getAttribute("aria-label")}: ${label.textContent.trim()}`);
    }
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-format]");
      if (button) {
        applyFormat(area, button.dataset.format);
      }
    });
    area.before(toolbar);
  }
});

function applyFormat(area, kind) {
  const start = area.selectionStart;
  const end = area.selectionEnd;
  const selected = area.value.slice(start, end);
  let text;
  let selectFrom;
  let selectTo;
  if (kind === "list") {
    text = selected
      .split("\n")
      .map((line) => (line.startsWith("- ") ? line : `- ${line}`))
      .join("\n");
    selectFrom = start;
    selectTo = start + text.length;
  } else if (kind === "link") {
    const opening = '<a href="https://">';
    text = `${opening}${selected}</a>`;
    // The caret waits after "https://" for the address.
    selectFrom = selectTo = start + opening.length - 2;
  } else {
    text = `<${kind}>${selected}</${kind}>`;
    selectFrom = start + kind.length + 2;
    selectTo = selectFrom + selected.length;
  }
  area.setRangeText(text, start, end, "end");
  area.focus();
  area.setSelectionRange(selectFrom, selectTo);
}

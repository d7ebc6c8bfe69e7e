/* The application page's keyboard shortcuts, and forms that send once.
 *
 * An element with data-shortcut="j n" is clicked when one of those keys is pressed: the previous and next
 * applicant links, the numbered move buttons, reject, review, schedule. "?" opens or closes the list of
 * shortcuts. Nothing fires while the user types in a field, or with Ctrl, Alt or Cmd held (the browser's own
 * shortcuts). Everything works without this file: the links and buttons are plain HTML.
 */
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }

  function shortcutFor(key) {
    var wanted = key.toLowerCase();
    var elements = document.querySelectorAll("[data-shortcut]");
    for (var i = 0; i < elements.length; i++) {
      var keys = elements[i].getAttribute("data-shortcut").toLowerCase().split(/\s+/);
      if (keys.indexOf(wanted) !== -1 && !elements[i].disabled) return elements[i];
    }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (typing(event.target) || !document.querySelector("[data-keyboard-shortcuts]")) return;
    if (event.key === "?") {
      var help = document.querySelector(".shortcuts");
      if (help) {
        help.open = !help.open;
        if (help.open) help.querySelector("summary").focus();
        event.preventDefault();
      }
      return;
    }
    if (event.key.length !== 1) return;
    var target = shortcutFor(event.key);
    if (target) {
      event.preventDefault();
      target.focus();
      target.click();
    }
  });

  // A double click sends a form once: its buttons rest until the next page comes.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-submit-once], .move-form")) return;
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
  // Back to this page from the browser's history: the forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
    });
  });
})();

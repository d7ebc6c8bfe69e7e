// The visitor's time zone, sent once: a cookie the server reads to show event
// times in it beside the event's own zone (and keeps on the user at sign-in).
// The first time, the page's regions marked data-local-times are fetched again
// so the visitor's times appear at once. Without JavaScript, the select on
// the information sessions page does the same.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const known = document.cookie.split(";").some((cookie) => cookie.trim().startsWith("time_zone="));
  if (!zone || known || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) {
    return;
  }
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `time_zone=${zone}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;

  const regions = document.querySelectorAll("[data-local-times][id]");
  if (regions.length === 0) {
    return;
  }
  fetch(window.location.href, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : ""))
    .then((html) => {
      const fresh = new DOMParser().parseFromString(html, "text/html");
      for (const region of regions) {
        const replacement = fresh.getElementById(region.id);
        if (replacement) {
          region.replaceWith(document.importNode(replacement, true));
        }
      }
    })
    .catch(() => {});
})();

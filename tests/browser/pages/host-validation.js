// The portal's own validation, as legacy portals have it: it checks its own
// fields on submit, writes its own messages and aria-invalid, and has an
// unload handler (which keeps the page out of the back-forward cache).
window.hostChecks = 0;
// (`?cacheable` leaves the unload handler out, so the page may enter the cache.)
if (!new URLSearchParams(location.search).has("cacheable")) window.addEventListener("unload", () => {});
window.addEventListener("pageshow", (event) => (window.fromCache = event.persisted));
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("signal");
  form.addEventListener("submit", (event) => {
    if (event.submitter?.hasAttribute("formnovalidate")) return;
    window.hostChecks += 1;
    const zaak = document.getElementById("zaak");
    const missing = zaak.value.trim() === "";
    zaak.setAttribute("aria-invalid", String(missing));
    document.getElementById("host-errors").textContent = missing ? "Zaaknummer ontbreekt." : "";
    if (missing) event.preventDefault();
  });
});

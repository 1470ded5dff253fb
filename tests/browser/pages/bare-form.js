// Test page: attaches the engine to a bare form with its own field names.
import init, { attach, SignalEngine } from "/pkg/web.js";

await init();
const form = document.getElementById("signal");
window.originalForm = form.innerHTML;
window.events = [];
window.attach = attach;
window.SignalEngine = SignalEngine;
form.addEventListener("signal-record", (event) => window.events.push(event.detail));
const mode = new URLSearchParams(location.search).get("mode") ?? "event-only";
/** This page's own attach options (its names, containers and submit mode), with `extra` on top. */
window.pageOptions = (extra) => ({
  fieldMap: { caseNumber: "zaaknummer", "subject.vNumber": "vnr" },
  indicatorsContainer: document.getElementById("indicators"),
  scorePanel: document.getElementById("panel"),
  submitMode: mode,
  ...extra,
});
window.handle = attach(form, window.pageOptions({
  today: "2026-11-28", now: "2026-11-28T20:15:00.000Z", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09",
}));
document.documentElement.dataset.ready = "true";

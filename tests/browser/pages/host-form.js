// Test page: a portal form with its own validation script; attach with the
// portal's names; `?summary=host` lets the portal draw the errors.
import init, { attach, SignalEngine } from "/pkg/web.js";
import { drawSignalIssues } from "/examples/own-validation.js";

await init();
const form = document.getElementById("signal");
const params = new URLSearchParams(location.search);
window.events = [];
window.issueEvents = [];
window.SignalEngine = SignalEngine;
form.addEventListener("signal-record", (event) => window.events.push(event.detail));
form.addEventListener("signal-issues", (event) => window.issueEvents.push(event.detail));
// The portal draws the errors itself (docs/INTEGRATION.md "Your own validation").
if (params.has("draw")) form.addEventListener("signal-issues", (event) => drawSignalIssues(form, event.detail));
window.handle = attach(form, {
  fieldMap: {
    caseNumber: "zaak_nr", procedure: "procedure_soort", "subject.vNumber": "vnummer", "context.type": "aanleiding",
    "officer.id": "medewerker", "officer.unit": "afdeling", "handling.tlp": "tlp", sharedWith: "delen_met", summary: "samenvatting",
  },
  indicatorsContainer: document.getElementById("indicators"),
  scorePanel: document.getElementById("panel"),
  submitMode: params.get("mode") ?? "native",
  summary: params.get("summary") ?? "own",
  ...(params.has("fixed") ? { today: "2026-11-28", now: "2026-11-28T20:15:00.000Z" } : {}),
});
document.documentElement.dataset.ready = "true";

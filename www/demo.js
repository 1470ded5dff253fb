// Loads the package the script-tag way and evaluates a sample signal.
import init, { SignalEngine, version } from "/pkg/web.js";

const sample = {
  caseNumber: "IND-2026-000123",
  procedure: "asylum",
  subject: { vNumber: "1234567890" },
  context: { type: "sis-check", sisAlert: { regulation: "2018/1861", article: "24", issuingState: "DE", alertReference: "SIS-DE-2026-0042" } },
  indicators: [
    { code: "TER-01", reliability: "B", credibility: "2", observedOn: "2026-05-12", evidenceRefs: ["AB-2026-17"] },
    { code: "TER-05", reliability: "C", credibility: "3", observedOn: "2024-09-10" },
  ],
  summary: "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.",
  officer: { id: "IND-4711", unit: "Unit Nationale Veiligheid" },
  handling: { tlp: "AMBER+STRICT" },
  sharedWith: ["AIVD", "CT-INFOBOX", "NCTV"],
};

function row(list, term, description) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = description;
  list.append(dt, dd);
}

const status = document.getElementById("status");
try {
  await init();
  const engine = new SignalEngine({ locale: "nl" });
  const evaluation = engine.evaluate(sample);
  const result = document.getElementById("result");
  row(result, "Geldig", evaluation.valid ? "ja" : "nee");
  row(result, "Advies (score)", `${(evaluation.assessment.overall.score / 100).toFixed(1)} — ${evaluation.assessment.overall.band}`);
  row(result, "Routeringsadvies", evaluation.routing.advised.join(", "));
  row(result, "Maatregelen ter overweging", evaluation.measures.map((m) => m.label).join("; "));
  const record = engine.buildRecord(sample);
  document.getElementById("record").textContent = JSON.stringify(record, null, 2);
  status.textContent = `Klaar (engine ${version}). Advies — geen besluit.`;
  document.documentElement.dataset.ready = "true";
} catch (error) {
  status.textContent = `Laden mislukt: ${error.message}`;
  document.documentElement.dataset.ready = "error";
}

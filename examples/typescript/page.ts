// A portal page in TypeScript (strict; lib ES2022 + DOM, no ESNext): every
// call of the package typed without casts or `any`. `make test` compiles it
// with tsconfig.json here.
import { SignalEngine, attach, inputFromFormData, recordSchema, renderPicker, verifySubmission, version } from "@ind/signal-indicators";
import type { Submission, SignalErrorCode, JsonSchema } from "@ind/signal-indicators";
import { SignalError } from "@ind/signal-indicators";
import type { AttachHandle, Evaluation, Issue, SignalRecord, Verification, Catalog, SignalForm } from "@ind/signal-indicators";
import init from "@ind/signal-indicators/web";
import { SignalEngine as FullEngine } from "@ind/signal-indicators/full";

const form: SignalForm = {
  caseNumber: "IND-1",
  procedure: "asylum",
  subject: { vNumber: "1234567890" },
  context: { type: "sis-check", sisAlert: { regulation: "2018/1861", article: "24", issuingState: "DE", alertReference: "R" } },
  indicators: [{ code: "TER-01", reliability: "B", credibility: "2", observedOn: "2026-05-12", evidenceRefs: ["AMB-2026-17"] }],
  handling: { tlp: "AMBER+STRICT" },
};

async function main(): Promise<void> {
  await init();
  const engine = new SignalEngine({ locale: "en" });
  const evaluation: Evaluation = engine.evaluate(form, { today: "2026-11-28" });
  const first: Issue | undefined = evaluation.issues[0];
  const score: number = evaluation.assessment.overall.score;
  const advised: string[] = evaluation.routing.advised;
  const record: SignalRecord = engine.buildRecord(form, { now: "2026-11-28T20:15:00.000Z", id: "x", today: "2026-11-28" });
  const digest: string = record.integrity.digest;
  const verification: Verification = engine.verifyRecord(record, { catalogs: [engine.catalog()] });
  const ok: boolean = verification.ok && verification.checks.digest;
  const catalog: Catalog = engine.catalog();
  // The last bucket's maxDays is null, and typed so.
  const bucket = catalog.recency[catalog.recency.length - 1];
  const lastBucket: number | null = bucket ? bucket.maxDays : null;
  void lastBucket;
  const input: SignalForm = inputFromFormData(new FormData(), { fieldMap: { caseNumber: "zaak" } });
  const schema: JsonSchema = recordSchema();
  const required: string[] | undefined = schema.required;
  void required;
  // Every options parameter may be left out.
  const plain = new SignalEngine();
  const bare: Evaluation = plain.evaluate(form);
  const fromText: Evaluation = plain.evaluate(JSON.stringify(form));
  const fromEntries: Evaluation = plain.evaluateEntries([["caseNumber", "IND-1"]]);
  const rebuilt: SignalForm = inputFromFormData(new URLSearchParams("caseNumber=IND-1"));
  const checked: Verification = plain.verifyRecord(JSON.stringify(record));
  const submission: Submission = verifySubmission({ caseNumber: "IND-1", sharedWith: ["AIVD"] }, { seen: (id: string) => id === "x" });
  const stored: SignalRecord | null = submission.record;
  const html: string = renderPicker({ locale: "en" });
  void [bare, fromText, fromEntries, rebuilt, checked, stored, html];
  // The event is typed without casts.
  document.querySelector("form")?.addEventListener("signal-record", (event) => {
    const posted: SignalRecord = event.detail;
    void posted.integrity.digest;
  });
  try {
    plain.buildRecord({});
  } catch (error) {
    if (error instanceof SignalError) {
      const code: SignalErrorCode = error.code;
      const count: number = error.issues?.length ?? 0;
      void [code, count];
    }
  }
  const v: string = version;
  const element = document.querySelector("form");
  if (element) {
    const handle: AttachHandle = attach(element, {
      engine,
      locale: "nl",
      fieldMap: { "subject.vNumber": "vnr" },
      initial: form,
      submitMode: "event-only",
      headingLevel: 3,
      indicatorsContainer: document.body,
    });
    const valid: boolean = handle.evaluate().valid;
    handle.detach();
    void valid;
  }
  const full: Verification = new FullEngine().verifyRecord(record);
  void full;
  engine.free();
  void [first, score, advised, digest, ok, catalog, input, schema, v];
}
void main;

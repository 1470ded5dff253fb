// Must NOT compile: each line marked with a TypeScript error code must get
// exactly that error, and no other line any (checked by `make test`).
import { SignalEngine, SignalError, attach, recordSchema } from "@ind/signal-indicators";

const engine = new SignalEngine();
const score: string = engine.evaluate({}).assessment.overall.score; // TS2322
engine.evaluate({}, { today: 20261128 }); // TS2322
new SignalEngine({ locale: "de" }); // TS2322
attach("signal-form"); // TS2345
try {
  engine.buildRecord({});
} catch (error) {
  if (error instanceof SignalError && error.code === "form.invalidd") void error; // TS2367
}
document.querySelector("form")?.addEventListener("signal-record", (event) => {
  const digest: number = event.detail.integrity.digest; // TS2322
  void digest;
});
const required: number = recordSchema().required; // TS2322
void [score, required];

// Only the engine: a bundle of this file leaves attach() and its DOM code out.
import { SignalEngine } from "@ind/signal-indicators";

const engine = new SignalEngine({ locale: "en" });
const { valid, issues } = engine.evaluate({ caseNumber: "IND-2026-000123" });
document.body.textContent = `${valid ? "valid" : "invalid"}: ${issues.length} issues`;

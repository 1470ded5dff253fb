// Must NOT type-check: a score is a number, not a string.
import { SignalEngine } from "@ind/signal-indicators";
const engine = new SignalEngine();
const score: string = engine.evaluate({}).assessment.overall.score;
void score;

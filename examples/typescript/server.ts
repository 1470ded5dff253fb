// A Node back end in TypeScript: strict, lib ES2022 only (no DOM lib, no
// @types/node needed for the package's own types). `make test` compiles it
// with tsconfig.node.json here.
import { SignalEngine, SignalError, verifySubmission } from "@ind/signal-indicators";
import type { Submission, Verification, SignalErrorCode, SignalRecord } from "@ind/signal-indicators";

/** The portal's own control names. */
const fieldMap: Record<string, string> = { caseNumber: "zaak_nr", "subject.vNumber": "vnummer" };
const stored = new Map<string, string>(); // record id → digest

/** One parsed urlencoded post (repeated names as arrays), checked and remembered. */
export function receive(body: Record<string, string | string[] | undefined>): Submission {
  const result = verifySubmission(body, { fieldMap, seen: (id) => stored.get(id) ?? false });
  if (result.ok && result.record && !result.duplicate) stored.set(result.record.id, result.record.integrity.digest);
  return result;
}

/** A stored record's JSON text, verified again (an audit, a migration). */
export function reverify(text: string): Verification | SignalErrorCode {
  const engine = new SignalEngine();
  try {
    return engine.verifyRecord(text);
  } catch (error) {
    if (error instanceof SignalError) return error.code;
    throw error;
  } finally {
    engine.free();
  }
}

/** The id and digest an audit log keeps (never the officer's text). */
export function auditLine(record: SignalRecord): string {
  return `${record.id} ${record.integrity.digest}`;
}

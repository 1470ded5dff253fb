// Corrections and withdrawals in Node (SPEC v1.3 §12.6): engine.buildCorrection
// and verifyRecord(correction, { original, replacement }).
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED } from "./fixtures.mjs";

const officer = { id: "IND-4712", unit: "Unit NV" };

test("a withdrawal and a supersession refer to their records and tell every partner", () => {
  const engine = new SignalEngine();
  const original = engine.buildRecord(validInput(), FIXED);
  const withdrawal = engine.buildCorrection(original, { action: "withdrawn", reason: "De bron is later onjuist gebleken.", officer, now: "2026-12-01T09:00:00.000Z" });
  assert.deepEqual(Object.keys(withdrawal), ["recordType", "schemaVersion", "id", "createdAt", "engine", "refersTo", "action", "reason", "notify", "officer", "integrity"]);
  assert.deepEqual(withdrawal.refersTo, { id: original.id, digest: original.integrity.digest });
  assert.deepEqual(withdrawal.notify, ["AIVD", "CT-INFOBOX", "NCTV"]);
  assert.equal(engine.verifyRecord(withdrawal).ok, true);
  assert.equal(engine.verifyRecord(withdrawal, { original }).checks.content, true);
  const replacement = engine.buildRecord({ ...validInput(), summary: "Ambtsbericht ontvangen; de eerdere samenvatting was onvolledig." }, { ...FIXED, id: "6b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e" });
  const supersession = engine.buildCorrection(JSON.stringify(original), { action: "superseded", reason: "Samenvatting aangevuld na nader onderzoek.", officer, replacement });
  assert.deepEqual(supersession.supersededBy, { id: replacement.id, digest: replacement.integrity.digest });
  assert.equal(engine.verifyRecord(supersession, { original, replacement }).ok, true);
  assert.equal(engine.verifyRecord(supersession, { original, replacement: original }).ok, false);
  assert.throws(() => engine.buildCorrection(original, { action: "superseded", reason: "Zonder nieuw record.", officer }), (error) => {
    assert.equal(error.code, "form.invalid");
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]), [["/replacement", "required"]]);
    return true;
  });
  assert.throws(() => engine.buildCorrection(original, 7), { name: "SignalError", code: "option.invalid" });
  engine.free();
});

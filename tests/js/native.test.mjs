// The same record bytes from the Node build and from the native crate for
// the same input, id and clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED, ID, TODAY, root, cli, validateRecord, independentDigest, nativeRecord, nativeDerived } from "./fixtures.mjs";
import { recordInputs, derivedDocuments } from "./bad-input-table.mjs";


test("Node and native produce byte-identical records", () => {
  const engine = new SignalEngine();
  const inputs = recordInputs();
  const lawful = inputs[2];
  for (const input of inputs) {
    const fromNode = JSON.stringify(engine.buildRecord(input, FIXED));
    assert.equal(fromNode, nativeRecord(input));
    const record = JSON.parse(fromNode);
    assert.ok(validateRecord(record));
    assert.equal(record.integrity.digest, independentDigest(record));
    assert.equal(record.schemaVersion, "1.2");
  }
  const evaluation = engine.evaluate(lawful, { today: TODAY });
  assert.ok(evaluation.valid, JSON.stringify(evaluation.issues));
  assert.ok(evaluation.issues.some((i) => i.code === "indicator.duplicate" && i.path === "/indicators/0"));
  assert.ok(evaluation.issues.some((i) => i.code === "indicator.same-source" && i.path === "/indicators/3/evidenceRefs"));
  assert.deepEqual(evaluation.suspendedMeasures.map((m) => `${m.category}/${m.code}`), ["public-order/refuse-naturalisation"]);
});

test("Node and native produce byte-identical extracts and corrections (the CLI's extract and correct)", () => {
  const engine = new SignalEngine();
  const documents = derivedDocuments(engine, FIXED);
  const kinds = documents.map((d) => JSON.parse(d.text)).map((d) => d.recordType + (d.action ? `/${d.action}` : ""));
  assert.ok(kinds.includes("signal-extract") && kinds.includes("signal-correction/withdrawn") && kinds.includes("signal-correction/superseded"));
  for (const document of documents) {
    assert.equal(document.text, nativeDerived(document), document.partner ?? document.request.action);
    const original = JSON.parse(document.recordText);
    const replacement = document.replacementText && JSON.parse(document.replacementText);
    assert.equal(engine.verifyRecord(JSON.parse(document.text), { original, ...(replacement && { replacement }) }).ok, true);
  }
});

test("the native CLI verifies what the Node build wrote", () => {
  const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), FIXED));
  const verdict = JSON.parse(execFileSync(cli, ["verify", "-"], { input: record }).toString());
  assert.equal(verdict.ok, true);
  assert.equal(verdict.id, ID);
});

// The same record bytes from the Node build and from the native crate for
// the same input, id and clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED, ID, NOW, TODAY, root, validateRecord, independentDigest } from "./fixtures.mjs";

const cli = join(root, "target", "release", "signal-indicators");

function nativeRecord(input) {
  return execFileSync(cli, ["build", "--id", ID, "--now", NOW, "--today", TODAY], {
    input: JSON.stringify(input),
  }).toString().trimEnd();
}

test("Node and native produce byte-identical records", () => {
  const engine = new SignalEngine();
  const inputs = [validInput()];
  const tip = validInput();
  tip.context = { type: "post-decision-tip", tip: { channel: "anonymous", receivedOn: "2026-11-01" } };
  tip.subject = { unknownSubject: true };
  tip.indicators.push({ code: "VIC-01", reliability: "F", credibility: "6", observedOn: "2019-02-28", note: "Ëën nöt€ 😀" });
  tip.sharedWith.push("AVIM");
  tip.summary = "  Melding met \"aanhalingstekens\", <tags> en \\ backslash.\u2028  ";
  inputs.push(tip);
  for (const input of inputs) {
    const fromNode = JSON.stringify(engine.buildRecord(input, FIXED));
    assert.equal(fromNode, nativeRecord(input));
    const record = JSON.parse(fromNode);
    assert.ok(validateRecord(record));
    assert.equal(record.integrity.digest, independentDigest(record));
  }
});

test("the native CLI verifies what the Node build wrote", () => {
  const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), FIXED));
  const verdict = JSON.parse(execFileSync(cli, ["verify", "-"], { input: record }).toString());
  assert.equal(verdict.ok, true);
  assert.equal(verdict.id, ID);
});

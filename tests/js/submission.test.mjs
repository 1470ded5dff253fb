// verifySubmission (SPEC §8.3): what a portal's back end calls on every post.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine, verifySubmission } from "@ind/signal-indicators";
import { validInput, FIXED } from "./fixtures.mjs";

const LATER = "2026-11-28T21:00:00.000Z";

/** The post a portal sends for `input`: host fields, picker controls, the record. */
function postOf(input, record = "") {
  const pairs = [
    ["zaak_nr", input.caseNumber], ["procedure", input.procedure === "asylum" ? "asiel" : input.procedure],
    ["subject.vNumber", input.subject.vNumber], ["subject.bsn", input.subject.bsn], ["subject.status", input.subject.status],
    ["context.type", input.context.type],
    ...Object.entries(input.context.sisAlert).map(([k, v]) => [`context.sisAlert.${k}`, v]),
    ["summary", input.summary], ["officer.id", input.officer.id], ["officer.unit", input.officer.unit],
    ["handling.tlp", input.handling.tlp], ...input.sharedWith.map((p) => ["sharedWith", p]),
    ["officerJudgement.view", input.officerJudgement.view],
  ];
  for (const item of input.indicators) {
    pairs.push(["indicator", item.code]);
    for (const member of ["reliability", "credibility", "observedOn", "note"]) {
      if (item[member]) pairs.push([`indicator.${item.code}.${member}`, item[member]]);
    }
    if (item.evidenceRefs) pairs.push([`indicator.${item.code}.evidenceRefs`, item.evidenceRefs.join("\r\n")]);
  }
  pairs.push(["_csrf", "token"], ["signal_record", record]);
  return pairs;
}

const mapping = { fieldMap: { caseNumber: "zaak_nr" }, valueMap: { procedure: { asiel: "asylum" } } };

test("an agreeing post is authoritative, in every body shape", () => {
  const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), FIXED));
  const pairs = postOf(validInput(), record);
  const express = {};
  for (const [name, value] of pairs) express[name] = name in express ? [].concat(express[name], value) : value;
  const form = new FormData();
  for (const [name, value] of pairs) form.append(name, value);
  for (const body of [pairs, new URLSearchParams(pairs), form, express]) {
    const result = verifySubmission(body, { ...mapping, now: LATER });
    assert.deepEqual(result.issues, []);
    assert.equal(result.ok, true);
    assert.equal(JSON.stringify(result.record), record, "the record as posted, members in order");
    assert.deepEqual(result.input, validInput());
  }
});

test("an indicator ticked only in the post is a mismatch at /indicators", () => {
  const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), FIXED));
  const posted = validInput();
  posted.indicators.push({ code: "TER-03", reliability: "A", credibility: "1", observedOn: "2026-06-01", evidenceRefs: ["AB-2026-18"] });
  const result = verifySubmission(postOf(posted, record), { ...mapping, now: LATER });
  assert.equal(result.ok, false);
  assert.deepEqual(result.issues.map((i) => [i.path, i.code]), [["/indicators", "record.mismatch"]]);
});

test("mismatch, stale, replay and broken records are refused with their codes", () => {
  const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), FIXED));
  const edited = validInput();
  edited.caseNumber = "IND-2026-999999";
  const mismatch = verifySubmission(postOf(edited, record), { ...mapping, now: LATER });
  assert.equal(mismatch.ok, false);
  assert.equal(mismatch.record, null);
  assert.deepEqual(mismatch.issues.map((i) => [i.path, i.code]), [["/case/caseNumber", "record.mismatch"]]);
  const stale = verifySubmission(postOf(validInput(), record), { ...mapping, now: "2026-12-01T00:00:00.000Z" });
  assert.deepEqual(stale.issues.map((i) => [i.path, i.code]), [["/createdAt", "record.stale"]]);
  const seenIds = new Set();
  const seen = (id) => seenIds.has(id);
  assert.equal(verifySubmission(postOf(validInput(), record), { ...mapping, now: LATER, seen }).ok, true);
  seenIds.add(JSON.parse(record).id);
  const replay = verifySubmission(postOf(validInput(), record), { ...mapping, now: LATER, seen });
  assert.deepEqual(replay.issues.map((i) => [i.path, i.code]), [["/id", "record.replayed"]]);
  const broken = verifySubmission(postOf(validInput(), record.slice(0, -2)), { ...mapping, now: LATER });
  assert.deepEqual(broken.issues.map((i) => [i.path, i.code]), [["", "record.not-json"]]);
});

test("without a record the server evaluates the post and builds the record", () => {
  const result = verifySubmission(postOf(validInput()), { ...mapping, now: LATER });
  assert.equal(result.ok, true, JSON.stringify(result.issues));
  assert.equal(result.record.createdAt, LATER);
  assert.match(result.record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new SignalEngine().verifyRecord(result.record).ok, true);
  const invalid = validInput();
  invalid.subject.vNumber = "12";
  const refused = verifySubmission(postOf(invalid), { ...mapping, now: LATER });
  assert.equal(refused.ok, false);
  assert.equal(refused.record, null);
  assert.deepEqual(refused.issues.map((i) => [i.path, i.code]), [["/subject/vNumber", "format.vnumber"]]);
  assert.equal(refused.input.subject.vNumber, "12", "the typed value is kept for re-rendering");
});

test("bodies that are not forms, and bad options", () => {
  for (const body of ["caseNumber=x", 42, null, undefined]) {
    const result = verifySubmission(body);
    assert.equal(result.ok, false);
    assert.deepEqual(result.issues.map((i) => [i.path, i.code]), [["", "input.not-object"]]);
  }
  assert.throws(() => verifySubmission([], { fieldMap: { "subject.vnumber": "vnr" } }), (e) => e.code === "option.invalid" && e.message.includes("subject.vnumber"));
  assert.throws(() => verifySubmission([], { seen: "yes" }), { name: "SignalError", code: "option.invalid" });
  assert.throws(() => verifySubmission([], { engine: {} }), { name: "SignalError", code: "option.invalid" });
  assert.throws(() => verifySubmission([], { maxAgeSeconds: -1 }), { name: "SignalError", code: "option.invalid" });
  // A body that throws while it is read (a getter, a Proxy trap, an
  // iterator) is refused with an issue, never thrown through the engine,
  // and the engine passed in stays usable.
  const getter = {};
  Object.defineProperty(getter, "zaak_nr", { enumerable: true, get() { throw new Error("getter"); } });
  const trap = new Proxy({}, { ownKeys() { throw new Error("trap"); } });
  const iterator = { [Symbol.iterator]() { return { next() { throw new Error("next"); } }; } };
  const host = new SignalEngine();
  for (const body of [getter, trap, iterator]) {
    for (const options of [undefined, { engine: host }]) {
      const result = verifySubmission(body, options);
      assert.equal(result.ok, false);
      assert.deepEqual(result.issues.map((i) => [i.path, i.code]), [["", "input.not-object"]]);
    }
  }
  assert.equal(host.evaluate(validInput()).valid, true, "the engine passed in stays usable");
  host.free();
  const engine = new SignalEngine({ locale: "en" });
  const english = verifySubmission("x", { engine });
  assert.match(english.issues[0].message, /object/);
  assert.equal(engine.evaluate(validInput(), FIXED.today ? { today: FIXED.today } : undefined).valid, true, "a host engine stays usable");
  engine.free();
});

test("fieldMap and valueMap are checked and applied by inputFromFormData", async () => {
  const { inputFromFormData } = await import("@ind/signal-indicators");
  assert.throws(() => inputFromFormData([], { fieldMap: { caseNumbr: "zaak" } }), (e) => e.code === "option.invalid" && e.message.includes("caseNumbr"));
  assert.throws(() => inputFromFormData([], { valueMap: { procedure: { regulier: 5 } } }), { code: "option.invalid" });
  const input = inputFromFormData(
    [["soort", "regulier"], ["onbekend", "ja"], ["extensions.teamCode", "AB"]],
    { fieldMap: { procedure: "soort", "subject.unknownSubject": "onbekend" }, valueMap: { procedure: { regulier: "regular" } } },
  );
  assert.deepEqual(input, { procedure: "regular", subject: { unknownSubject: true }, extensions: { teamCode: "AB" } });
});

// The examples the READMEs show, run as written (examples/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { handlePost, server } from "../../examples/node-server.mjs";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED } from "./fixtures.mjs";

/** The urlencoded body the portal page posts for `input` (its control names). */
function bodyOf(input, record = "") {
  const body = new URLSearchParams();
  body.append("zaak_nr", input.caseNumber);
  body.append("procedure", input.procedure);
  body.append("vnummer", input.subject.vNumber);
  body.append("subject.bsn", input.subject.bsn);
  body.append("subject.status", input.subject.status);
  body.append("context.type", input.context.type);
  for (const [key, value] of Object.entries(input.context.sisAlert)) body.append(`context.sisAlert.${key}`, value);
  for (const item of input.indicators) {
    body.append("indicator", item.code);
    for (const member of ["reliability", "credibility", "observedOn"]) body.append(`indicator.${item.code}.${member}`, item[member]);
    if (item.evidenceRefs) body.append(`indicator.${item.code}.evidenceRefs`, item.evidenceRefs.join("\r\n"));
  }
  body.append("summary", input.summary);
  body.append("officer.id", input.officer.id);
  body.append("officer.unit", input.officer.unit);
  body.append("handling.tlp", input.handling.tlp);
  for (const partner of input.sharedWith) body.append("sharedWith", partner);
  body.append("officerJudgement.view", input.officerJudgement.view);
  body.append("signal_record", record);
  return body.toString();
}

test("examples/node-server.mjs accepts a post once, refuses a replay and an edited field", async () => {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/signaal`;
  const post = (body) => fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  try {
    const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), { id: FIXED.id, now: new Date().toISOString() }));
    const first = await post(bodyOf(validInput(), record));
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { stored: FIXED.id });
    const again = await post(bodyOf(validInput(), record));
    assert.equal(again.status, 422);
    assert.deepEqual((await again.json()).issues.map((i) => i.code), ["record.replayed"]);
    const edited = validInput();
    edited.caseNumber = "IND-2026-000999";
    const mismatch = await post(bodyOf(edited, record));
    assert.ok((await mismatch.json()).issues.some((i) => i.code === "record.mismatch" && i.path === "/case/caseNumber"));
    // No script ran: the server builds the record itself.
    const noScript = await post(bodyOf(validInput()));
    assert.equal(noScript.status, 200);
    assert.equal((await post("a=b")).status, 422);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  assert.equal(handlePost("", FIXED.now).ok, false);
});

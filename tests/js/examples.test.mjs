// The examples the READMEs show, run as written (examples/).
import { test } from "node:test";
import { createServer } from "node:http";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import { handlePost, portal } from "../../examples/script-tag/server.mjs";
import { app } from "../../examples/express-server.mjs";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED, root, hasBrowserModules } from "./fixtures.mjs";

/** A .wasm the package holds (the dev package of `make test-js` has only Node's). */
const servedWasm = `/static/signal-indicators/${hasBrowserModules ? "web" : "node"}/signal_indicators_bg.wasm`;

/** The urlencoded body the example page posts for `input` (its control names: public/field-map.js). */
function bodyOf(input, record = "") {
  const body = new URLSearchParams();
  body.append("zaak_nr", input.caseNumber);
  body.append("procedure", input.procedure);
  body.append("vnummer", input.subject.vNumber);
  body.append("subject.bsn", input.subject.bsn);
  body.append("subject.status", input.subject.status);
  body.append("aanleiding", input.context.type);
  for (const [key, value] of Object.entries(input.context.sisAlert)) body.append(`context.sisAlert.${key}`, value);
  for (const item of input.indicators) {
    body.append("indicator", item.code);
    for (const member of ["reliability", "credibility", "observedOn"]) body.append(`indicator.${item.code}.${member}`, item[member]);
    if (item.evidenceRefs) body.append(`indicator.${item.code}.evidenceRefs`, item.evidenceRefs.join("\r\n"));
  }
  body.append("samenvatting", input.summary);
  body.append("officer.id", input.officer.id);
  body.append("officer.unit", input.officer.unit);
  body.append("handling.tlp", input.handling.tlp);
  for (const partner of input.sharedWith) body.append("delen_met", partner);
  body.append("officerJudgement.view", input.officerJudgement.view);
  body.append("signal_record", record);
  return body.toString();
}

/** The posts a portal's back end must tell apart, against a listening example server. */
async function exercise(server) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/signaal`;
  const post = (body) => fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  try {
    const id = crypto.randomUUID();
    const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), { id, now: new Date().toISOString() }));
    const first = await post(bodyOf(validInput(), record));
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { stored: id, duplicate: false });
    // The same record again (the officer went back and saved unchanged input): stored once.
    const again = await post(bodyOf(validInput(), record));
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { stored: id, duplicate: true });
    // Another record under a stored id: a replay.
    const other = validInput();
    other.summary = `${other.summary} Een andere tekst onder hetzelfde id.`;
    const forged = JSON.stringify(new SignalEngine().buildRecord(other, { id, now: new Date().toISOString() }));
    const replay = await post(bodyOf(other, forged));
    assert.equal(replay.status, 422);
    assert.deepEqual((await replay.json()).issues.map((i) => i.code), ["record.replayed"]);
    // A draft is kept unchecked.
    const draft = await post(`${bodyOf(validInput())}&actie=concept`);
    assert.deepEqual(await draft.json(), { draft: true });
    const edited = validInput();
    edited.caseNumber = "IND-2026-000999";
    const mismatch = await post(bodyOf(edited, record));
    assert.ok((await mismatch.json()).issues.some((i) => i.code === "record.mismatch" && i.path === "/case/caseNumber"));
    // No script ran: the server builds the record itself.
    const noScript = await post(bodyOf(validInput()));
    assert.equal(noScript.status, 200);
    assert.equal((await post("a=b")).status, 422);
    // The package directory is served as it is, the .wasm with its type.
    const wasm = await fetch(new URL(servedWasm, url));
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.match(wasm.headers.get("content-security-policy"), /script-src 'self' 'wasm-unsafe-eval'/);
    const page = await fetch(new URL("/", url));
    assert.match(await page.text(), /<script type="module" src="\/page.js"><\/script>/);
    assert.equal((await fetch(new URL("/static/signal-indicators/../../Cargo.toml", url))).status, 404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test("examples/script-tag/server.mjs (node:http) stores a post once, knows a repeat, refuses a replay, an edited field and a non-form, keeps a draft", async () => {
  await exercise(portal());
  assert.equal(handlePost("", FIXED.now).ok, false);
});

test("examples/express-server.mjs does the same on Express", async () => {
  await exercise(createServer(app));
});

test("examples/engine.mjs runs as written", () => {
  const run = spawnSync(process.execPath, [join(root, "examples", "engine.mjs")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.valid, true);
  assert.equal(out.ok, true);
  assert.equal(out.postedOk, true);
  assert.deepEqual(out.brokenText, ["record.not-json"]);
  assert.deepEqual(out.repeated, ["input.not-json"]);
  assert.match(run.stderr, /^form\.invalid \d+$/m);
});

/** The text of `path` or of its `#region name` (JS `// #region`, HTML `<!-- #region -->`). */
function exampleText(reference) {
  const [path, name] = reference.split("#");
  const text = readFileSync(join(root, path), "utf8");
  if (!name) return text;
  const lines = text.split("\n");
  const open = lines.findIndex((line) => /^\s*(\/\/|<!--) #region (\S+)/.exec(line)?.[2] === name);
  assert.ok(open >= 0, `${path} has no region ${name}`);
  const close = lines.findIndex((line, index) => index > open && /^\s*(\/\/|<!--) #endregion/.test(line));
  assert.ok(close > open, `${path} region ${name} is not closed`);
  return lines.slice(open + 1, close).join("\n") + "\n";
}

test("every code example in README.md, docs/ and the npm README is an example file, verbatim", () => {
  let shown = 0;
  const docs = readdirSync(join(root, "docs")).filter((file) => file.endsWith(".md")).map((file) => join("docs", file));
  for (const readme of ["README.md", ...docs, join("pkg-config", "README.md")]) {
    const text = readFileSync(join(root, readme), "utf8");
    for (const match of text.matchAll(/(?:^|\n)([^\n]*)\n```(\w*)\n([\s\S]*?)```/g)) {
      const [, before, language, body] = match;
      if (language === "sh" || language === "text" || language === "") continue;
      const marker = /^<!-- example: (\S+) -->$/.exec(before.trim());
      assert.ok(marker, `${readme}: a ${language} block without an <!-- example: … --> line: ${body.slice(0, 60)}`);
      assert.equal(body, exampleText(marker[1]), `${readme}: the block of ${marker[1]} differs from the file`);
      shown++;
    }
  }
  assert.ok(shown >= 12, `${shown} examples shown`);
});

test("every relative link in README.md, docs/ and SECURITY.md names a file or folder that exists", async () => {
  const { existsSync } = await import("node:fs");
  const { dirname } = await import("node:path");
  const docs = readdirSync(join(root, "docs")).filter((file) => file.endsWith(".md")).map((file) => join("docs", file));
  let links = 0;
  for (const page of ["README.md", "SECURITY.md", ...docs]) {
    const text = readFileSync(join(root, page), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      assert.ok(existsSync(join(root, dirname(page), target)), `${page}: ${target} does not exist`);
      links++;
    }
  }
  assert.ok(links >= 30, `${links} links checked`);
});

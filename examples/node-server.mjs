// A portal back end on Node's own `http`: every post of the signal form goes
// through verifySubmission (SPEC §8.3). Run it with
//   node examples/node-server.mjs        (listens on http://127.0.0.1:8090)
// and post the portal's form to /signaal.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { verifySubmission } from "@ind/signal-indicators";

/** The portal's own control names (the same map its page gives `attach`). */
const fieldMap = { caseNumber: "zaak_nr", "subject.vNumber": "vnummer" };

// Record ids already accepted. In a real portal: insert record.id under a
// unique key in the database after `ok`, and treat a conflict as a replay.
const seenIds = new Set();

/** Checks one urlencoded post body; remembers the id of an accepted record. */
export function handlePost(bodyText, now) {
  const result = verifySubmission(new URLSearchParams(bodyText), {
    fieldMap,
    seen: (id) => seenIds.has(id),
    now, // default: the current instant
  });
  if (result.ok) seenIds.add(result.record.id);
  return result;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const server = createServer((request, response) => {
  if (request.method !== "POST" || request.url !== "/signaal") {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  let size = 0;
  request.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) request.destroy();
    else chunks.push(chunk);
  });
  request.on("end", () => {
    const result = handlePost(Buffer.concat(chunks).toString("utf8"));
    // Log what an audit needs, never the officer's text: id, case, verdict, codes.
    console.log(JSON.stringify({ id: result.record?.id ?? null, case: result.input.caseNumber ?? null, ok: result.ok, codes: result.issues.map((i) => i.code) }));
    // A refused post goes back to the form with its issues (re-render it with
    // attach's `initial: result.input`); an accepted record is stored.
    response.writeHead(result.ok ? 200 : 422, { "content-type": "application/json" });
    response.end(JSON.stringify(result.ok ? { stored: result.record.id } : { issues: result.issues, input: result.input }));
  });
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  server.listen(8090, "127.0.0.1", () => console.log("http://127.0.0.1:8090/signaal"));
}

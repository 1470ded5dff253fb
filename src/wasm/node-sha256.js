// SHA-256 for the Node build (the `node` feature): node:crypto uses the
// CPU's SHA instructions where present; the module's own SHA-256 runs in
// software. Only the Node build imports this file.
import { createHash } from "node:crypto";

/** The SHA-256 of `bytes` (a Uint8Array), as 32 bytes. */
export function sha256(bytes) {
  return createHash("sha256").update(bytes).digest();
}

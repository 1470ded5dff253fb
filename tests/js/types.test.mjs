// The shipped TypeScript definitions compile against a consumer file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "./fixtures.mjs";

test("tsc --noEmit accepts a consumer of the package and rejects a wrong use", () => {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const ok = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(root, "tests", "ts", "tsconfig.json")], { encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(root, "tests", "ts", "tsconfig.wrong.json")], { encoding: "utf8" });
  assert.notEqual(bad.status, 0, "a type error must be reported");
  assert.match(bad.stdout, /TS2322|TS2345|TS2339/);
});

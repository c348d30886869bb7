import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./node-flags";

const root = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("the server's Node flags", () => {
  const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

  it.each(["serve", "dev", "shequ"])("npm run %s starts node with them", (name) => {
    const words = (scripts[name] ?? "").split(/\s+/);
    for (const flag of SERVER_NODE_FLAGS) expect(words).toContain(flag);
  });

  it("the shequ command's first line passes them to node", () => {
    const shebang = read("packages/server/bin/shequ.mjs").split("\n")[0] ?? "";
    expect(shebang.startsWith("#!/usr/bin/env -S node ")).toBe(true);
    for (const flag of SERVER_NODE_FLAGS) expect(shebang.split(" ")).toContain(flag);
  });
});

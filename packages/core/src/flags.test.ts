import { describe, expect, it } from "vitest";
import { parseFlags } from "./flags";

describe("parseFlags", () => {
  it("reads the Chinese labels communities type, in any separator", () => {
    expect(parseFlags("卧床、独居老人")).toEqual({ flags: ["bedridden", "elderly_alone"], unknown: [] });
    expect(parseFlags("残疾人；行动不便")).toEqual({ flags: ["cannot_walk", "disabled"], unknown: [] });
  });

  it("reads codes and English labels, and reports what it does not know", () => {
    expect(parseFlags("bedridden, Elderly living alone ; 低保")).toEqual({
      flags: ["bedridden", "elderly_alone"],
      unknown: ["低保"],
    });
    expect(parseFlags("constructor")).toEqual({ flags: [], unknown: ["constructor"] });
  });

  it("splits space-separated Chinese labels", () => {
    expect(parseFlags("卧床 独居")).toEqual({ flags: ["bedridden", "elderly_alone"], unknown: [] });
  });

  it("treats an empty cell as no flags", () => {
    expect(parseFlags("  ")).toEqual({ flags: [], unknown: [] });
  });
});

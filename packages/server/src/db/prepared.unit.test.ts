import { describe, expect, it } from "vitest";
import { MAX_PREPARED_SHAPES, preparedName } from "./prepared";

describe("preparedName", () => {
  it("names each marked text once and leaves unmarked ones unnamed", () => {
    const a = preparedName("/* prepared */select $1::int");
    expect(a).toMatch(/^shequ_\d+$/);
    expect(preparedName("/* prepared */select $1::int")).toBe(a);
    expect(preparedName("/* prepared */select $1::text")).not.toBe(a);
    expect(preparedName("select $1::int")).toBeUndefined();
  });

  it("stops naming new shapes past its limit, so a marked text that varies cannot fill the server", () => {
    const named = Array.from({ length: MAX_PREPARED_SHAPES + 10 }, (_, i) =>
      preparedName(`/* prepared */select ${i}`),
    );
    expect(named.filter((n) => n !== undefined).length).toBeLessThanOrEqual(MAX_PREPARED_SHAPES);
    expect(named.at(-1)).toBeUndefined();
    // Shapes named before keep their names.
    expect(preparedName("/* prepared */select $1::int")).toMatch(/^shequ_\d+$/);
  });
});

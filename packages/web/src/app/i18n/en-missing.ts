import type { zhMissing } from "./zh-missing";

/** English texts of the command view: missing. */
export const enMissing: typeof zhMissing = {
  title: "Missing people",
};

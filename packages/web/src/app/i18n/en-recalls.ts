import type { zhRecalls } from "./zh-recalls";

/** English texts of the recalls screens; typed by the Chinese ones. */
export const enRecalls: typeof zhRecalls = {
  title: "Recalls",
};

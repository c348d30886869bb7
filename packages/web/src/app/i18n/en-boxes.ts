import type { zhBoxes } from "./zh-boxes";

/** English texts of the boxes and hand-over screens; typed by the Chinese ones. */
export const enBoxes: typeof zhBoxes = {
  title: "Boxes and hand-over",
};

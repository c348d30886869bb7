/** Chinese texts of the boxes and hand-over screens (zh.ts stays the source of truth). */
export const zhBoxes = {
  title: "装箱交接",
};

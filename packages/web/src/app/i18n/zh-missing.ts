/** Chinese texts of the command view: missing (zh.ts stays the source of truth). */
export const zhMissing = {
  title: "漏检追踪",
};

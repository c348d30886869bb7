/** Chinese texts of the recalls screens (zh.ts stays the source of truth). */
export const zhRecalls = {
  title: "复核召回",
};

/** Chinese texts of the workforce screens (zh.ts stays the source of truth). */
export const zhWorkers = {
  title: "人员队伍",
};

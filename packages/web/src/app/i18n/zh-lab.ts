/** Chinese texts of the lab results screens (zh.ts stays the source of truth). */
export const zhLab = {
  title: "检测结果",
};

/** Chinese texts of the command view: reports (zh.ts stays the source of truth). */
export const zhReports = {
  title: "统计报表",
};

import type { zhReports } from "./zh-reports";

/** English texts of the command view: reports. */
export const enReports: typeof zhReports = {
  title: "Reports",
};

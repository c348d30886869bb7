import type { zhLab } from "./zh-lab";

/** English texts of the lab results screens; typed by the Chinese ones. */
export const enLab: typeof zhLab = {
  title: "Lab results",
};

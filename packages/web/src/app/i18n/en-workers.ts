import type { zhWorkers } from "./zh-workers";

/** English texts of the workforce screens; typed by the Chinese ones. */
export const enWorkers: typeof zhWorkers = {
  title: "Workforce",
};

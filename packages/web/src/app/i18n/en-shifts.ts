import type { zhShifts } from "./zh-shifts";

/** English texts of the shifts screens; typed by the Chinese ones. */
export const enShifts: typeof zhShifts = {
  title: "Shifts",
};

/** Chinese texts of the shifts screens (zh.ts stays the source of truth). */
export const zhShifts = {
  title: "排班值守",
};

/** Chinese texts of the command view: command (zh.ts stays the source of truth). */
export const zhCommand = {
  title: "指挥看板",
};

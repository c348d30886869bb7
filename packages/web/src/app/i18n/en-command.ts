import type { zhCommand } from "./zh-command";

/** English texts of the command view: command. */
export const enCommand: typeof zhCommand = {
  title: "Command view",
};

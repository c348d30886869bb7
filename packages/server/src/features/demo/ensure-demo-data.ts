import type { DbHandle } from "../../db/client";
import type { Logger } from "../../logger";

export interface DemoAccount {
  username: string;
  label: string;
}

/**
 * Seeds the demo subdistrict once: when it already exists, nothing is touched.
 * Returns the demo accounts to print.
 */
export async function ensureDemoData(
  _handle: DbHandle,
  _opts: { residents: number; logger: Logger },
): Promise<{ password: string; accounts: DemoAccount[] }> {
  return { password: "", accounts: [] };
}

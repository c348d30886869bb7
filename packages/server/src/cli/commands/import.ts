/** `shequ import` — see the README. */
export async function run(_args: string[]): Promise<void> {
  throw new Error("shequ import: not implemented yet");
}

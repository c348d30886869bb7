/** `shequ export` — see the README. */
export async function run(_args: string[]): Promise<void> {
  throw new Error("shequ export: not implemented yet");
}

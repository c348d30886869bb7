import { parseArgs } from "node:util";
import { startServer } from "../../start-server";

export const usage = "serve [--port <n>] [--host <address>]";

/** `shequ serve`: the same server as `npm start`; --port and --host override PORT and HOST. */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { port: { type: "string" }, host: { type: "string" } },
  });
  const env: Record<string, string> = {};
  if (values.port !== undefined) env.PORT = values.port;
  if (values.host !== undefined) env.HOST = values.host;
  await startServer({ env });
}

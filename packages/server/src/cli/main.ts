import { AppError, type FieldIssue } from "../errors";
import * as createUser from "./commands/create-user";
import * as demo from "./commands/demo";
import * as exportCommand from "./commands/export";
import * as importCommand from "./commands/import";
import * as migrate from "./commands/migrate";
import * as reconcile from "./commands/reconcile";
import * as schedule from "./commands/schedule";
import * as serve from "./commands/serve";
import { UsageError } from "./usage-error";

interface Command {
  usage: string;
  summary: string;
  run(args: string[]): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  serve: { usage: serve.usage, summary: "Run the server (the same as npm start)", run: serve.run },
  migrate: { usage: migrate.usage, summary: "Bring the database schema up to date", run: migrate.run },
  "create-user": {
    usage: createUser.usage,
    summary: "Create an account; asks for the password on a terminal",
    run: createUser.run,
  },
  demo: {
    usage: demo.usage,
    summary: "Seed the demo subdistrict into an empty registry and print its accounts",
    run: demo.run,
  },
  import: {
    usage: "import <file> [options]",
    summary: "Import residents from an Excel or CSV file (shequ import --help)",
    run: importCommand.run,
  },
  schedule: {
    usage: schedule.usage,
    summary: "Give every household of a testing round a slot at its collection point",
    run: schedule.run,
  },
  reconcile: {
    usage: reconcile.usage,
    summary: "Recount a testing round's coverage figures from its raw samples",
    run: reconcile.run,
  },
  export: {
    usage: "export <out.xlsx or out.csv> [options]",
    summary: "Export residents to Excel or CSV (shequ export --help)",
    run: exportCommand.run,
  },
};

function helpText(): string {
  const lines = ["Usage: shequ <command> [options]", "", "Commands:"];
  for (const command of Object.values(COMMANDS)) {
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  lines.push(
    "  help",
    "      Show this help",
    "",
    "The database is the server's: DATABASE_URL for PostgreSQL, otherwise PGlite in DATA_DIR (./data).",
  );
  return lines.join("\n");
}

/** Turns any failure into a message a person can act on; stacks only for unexpected errors. */
function describeError(command: string | undefined, error: unknown): string {
  const prefix = command ? `shequ ${command}: ` : "shequ: ";
  if (error instanceof UsageError) return `${prefix}${error.message}`;
  if (error instanceof AppError) {
    const issues = (error.details as { issues?: FieldIssue[] } | undefined)?.issues;
    return `${prefix}${issues?.length ? issues.map((i) => `${i.field}: ${i.message}`).join("\n") : error.message}`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    const usage = command ? COMMANDS[command]?.usage : undefined;
    return `${prefix}${(error as Error).message}${usage ? `\nUsage: shequ ${usage}` : ""}`;
  }
  if (error instanceof Error) {
    return process.env.SHEQU_DEBUG ? `${prefix}${error.stack}` : `${prefix}${error.message}`;
  }
  return `${prefix}${String(error)}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(helpText());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`shequ: unknown command "${name}"\n\n${helpText()}`);
    return 1;
  }
  const ownHelp = name !== "import" && name !== "export";
  if (ownHelp && (args.includes("--help") || args.includes("-h"))) {
    console.log(`Usage: shequ ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    console.error(describeError(name, error));
    return 1;
  }
}

// The exit code is set rather than forced, so `serve` keeps running and output gets flushed.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(describeError(undefined, error));
    process.exitCode = 1;
  },
);

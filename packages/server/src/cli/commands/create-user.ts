import { stdin } from "node:process";
import { parseArgs } from "node:util";
import { ROLE_LABELS, ROLES, type Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
import { createUser } from "../../features/users/create-user";
import { resolveRegionRef } from "../../features/users/resolve-region-ref";
import type { UserView } from "../../features/users/user-view";
import { promptPassword } from "../prompt-password";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage =
  'create-user --username <name> --role <role> [--scope <region id, or names like "酒泉路街道/杨家园社区">]\n' +
  "              [--display-name <name>] [--password <password>]";

export interface CreateUserOptions {
  username: string;
  role: Role;
  scope?: string;
  displayName?: string;
  password?: string;
}

export interface CreateUserIo {
  print(line: string): void;
  /** Asks without echo; absent when there is no terminal to ask on. */
  askPassword?: (question: string) => Promise<string>;
}

// API field names as the operator typed them.
const FLAG_OF: Record<string, string> = {
  username: "--username",
  displayName: "--display-name",
  role: "--role",
  scopeRegionId: "--scope",
  scope: "--scope",
  password: "--password",
};

/** Checks the arguments before any database is opened, so typos fail fast. */
export function parseCreateUserArgs(args: string[]): CreateUserOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      username: { type: "string" },
      role: { type: "string" },
      scope: { type: "string" },
      "display-name": { type: "string" },
      password: { type: "string" },
    },
  });
  if (!values.username) throw new UsageError("--username is required");
  if (!values.role) throw new UsageError(`--role is required: one of ${ROLES.join(", ")}`);
  if (!(ROLES as readonly string[]).includes(values.role)) {
    throw new UsageError(`Unknown role "${values.role}": use one of ${ROLES.join(", ")}`);
  }
  return {
    username: values.username,
    role: values.role as Role,
    scope: values.scope,
    displayName: values["display-name"],
    password: values.password,
  };
}

/**
 * Creates an account from the command line with the same rules as the admin screen (the operator
 * has the rights of an unscoped admin). Asks for the password on a terminal when not given.
 */
export async function createUserFromCli(
  db: Kysely<Database>,
  options: CreateUserOptions,
  io: CreateUserIo,
): Promise<UserView> {
  try {
    const scopeRegionId = options.scope ? await resolveRegionRef(db, options.scope) : null;
    const password = options.password ?? (await askTwice(io));
    const user = await createUser(db, {
      actor: null,
      username: options.username,
      displayName: options.displayName ?? options.username,
      role: options.role,
      scopeRegionId,
      password,
    });
    io.print(
      `Created ${user.username} (${ROLE_LABELS[options.role].zh} ${options.role})` +
        (user.scope ? `, scope: ${user.scope.path}` : ", no scope (whole system)"),
    );
    io.print(`id: ${user.id}`);
    return user;
  } catch (error) {
    throw error instanceof AppError ? asUsageError(error) : error;
  }
}

async function askTwice(io: CreateUserIo): Promise<string> {
  if (!io.askPassword) {
    throw new UsageError("--password is required when there is no terminal to ask on");
  }
  const first = await io.askPassword("Password: ");
  const second = await io.askPassword("Password again: ");
  if (first !== second) throw new UsageError("The two passwords differ: nothing was created");
  return first;
}

/** Names the command-line flag instead of the API field. */
function asUsageError(error: AppError): Error {
  const issues = (error.details as { issues?: FieldIssue[] } | undefined)?.issues;
  if (!issues?.length) return new UsageError(error.message);
  return new UsageError(issues.map((i) => `${FLAG_OF[i.field] ?? i.field}: ${i.message}`).join("\n"));
}

/** `shequ create-user …` */
export async function run(args: string[]): Promise<void> {
  const options = parseCreateUserArgs(args);
  await withDatabase((handle) =>
    createUserFromCli(handle.db, options, {
      print: (line) => console.log(line),
      askPassword: stdin.isTTY ? promptPassword : undefined,
    }),
  );
}

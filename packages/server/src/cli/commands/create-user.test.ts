import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../features/demo/ensure-demo-data";
import { createLogger } from "../../logger";
import { buildRegionChain, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { UsageError } from "../usage-error";
import { createUserFromCli, parseCreateUserArgs } from "./create-user";

let t: TestContext;
let chain: RegionChain;

beforeAll(async () => {
  t = await createTestContext();
  chain = await buildRegionChain(t.db);
});
afterAll(() => t.close());

function capture() {
  const lines: string[] = [];
  return { lines, io: { print: (line: string) => lines.push(line) } };
}

async function login(username: string, password: string): Promise<Response> {
  return t.call("POST", "/api/auth/login", { json: { username, password } });
}

describe("shequ create-user", () => {
  it("creates an account scoped by a path of names; it can then sign in", async () => {
    const { lines, io } = capture();
    const options = parseCreateUserArgs([
      "--username",
      "Li.Na",
      "--role",
      "grid_worker",
      "--scope",
      `${chain.subdistrict.name}/${chain.community.name}/${chain.grid.name}`,
      "--display-name",
      "李娜",
      "--password",
      "cli password 1",
    ]);
    const created = await createUserFromCli(t.db, options, io);
    expect(lines.join("\n")).toContain("li.na");

    const res = await login("li.na", "cli password 1");
    expect(res.status).toBe(200);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const me = await (await t.call("GET", "/api/auth/me", { cookie })).json();
    expect(me).toMatchObject({ username: "li.na", displayName: "李娜", scope: { regionId: chain.grid.id } });

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["user_id", "details"])
      .where("action", "=", "user.create")
      .where("entity_id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(audit.user_id).toBeNull();
    expect(audit.details).toMatchObject({ via: "cli" });
  });

  it("asks twice on a terminal and refuses when the answers differ", async () => {
    const options = parseCreateUserArgs(["--username", "asked", "--role", "admin"]);
    const answers = ["typed secret", "typed secret"];
    await createUserFromCli(t.db, options, {
      print: () => {},
      askPassword: async () => answers.shift() ?? "",
    });
    expect((await login("asked", "typed secret")).status).toBe(200);

    const mismatch = parseCreateUserArgs(["--username", "mismatch", "--role", "admin"]);
    const differing = ["one password", "another one"];
    await expect(
      createUserFromCli(t.db, mismatch, {
        print: () => {},
        askPassword: async () => differing.shift() ?? "",
      }),
    ).rejects.toThrow(/differ/);
    const row = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "mismatch")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("without a terminal and without --password it stops with a readable error", async () => {
    const options = parseCreateUserArgs(["--username", "no.tty", "--role", "admin"]);
    await expect(createUserFromCli(t.db, options, { print: () => {} })).rejects.toThrow(
      /--password is required/,
    );
  });

  it("names the flag at fault", async () => {
    expect(() => parseCreateUserArgs(["--username", "x", "--role", "mayor"])).toThrow(UsageError);
    expect(() => parseCreateUserArgs(["--role", "admin"])).toThrow(/--username is required/);
    expect(() => parseCreateUserArgs(["--username", "x", "--role", "admin", "--colour", "red"])).toThrow(
      /Unknown option/,
    );
    const wrongLevel = parseCreateUserArgs([
      "--username",
      "wrong.level",
      "--role",
      "grid_worker",
      "--scope",
      chain.community.id,
      "--password",
      "long enough",
    ]);
    await expect(createUserFromCli(t.db, wrongLevel, { print: () => {} })).rejects.toThrow(/--scope: .*grid/);
    const unknown = parseCreateUserArgs([
      "--username",
      "nowhere",
      "--role",
      "medic",
      "--scope",
      "没有这个社区",
      "--password",
      "long enough",
    ]);
    await expect(createUserFromCli(t.db, unknown, { print: () => {} })).rejects.toThrow(/No region is named/);
  });
});

describe("shequ demo on a registry that holds real regions", () => {
  it("seeds nothing and prints no demo accounts", async () => {
    const before = await t.db
      .selectFrom("regions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const demo = await ensureDemoData(t.handle, { residents: 100, logger: createLogger("silent") });
    expect(demo.accounts).toEqual([]);
    const after = await t.db
      .selectFrom("regions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const admin = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "jiedao")
      .executeTakeFirst();
    expect(admin).toBeUndefined();
  });
});

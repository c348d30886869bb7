import { afterAll, beforeAll, expect } from "vitest";
import { buildRegionChain, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

export type Issues = { error: { code: string; details?: { issues: { field: string; reason: string }[] } } };
export type UserBody = {
  id: string;
  username: string;
  role: string;
  active: boolean;
  scope: { id: string; level: string; name: string; path: string } | null;
};

/**
 * The shared setup of the accounts tests: a fresh database, a region chain and a signed-in
 * admin (filled in beforeAll), plus helpers to build account bodies and check field issues.
 */
export function useUsersTestKit() {
  const kit = {} as { t: TestContext; chain: RegionChain; admin: { userId: string; cookie: string } };
  beforeAll(async () => {
    kit.t = await createTestContext();
    kit.chain = await buildRegionChain(kit.t.db);
    kit.admin = await kit.t.signIn("admin", null);
  });
  afterAll(() => kit.t.close());

  let n = 0;
  const account = (over: Record<string, unknown> = {}) => ({
    username: `worker.${++n}`,
    displayName: "李伟",
    role: "grid_worker",
    scopeRegionId: kit.chain.grid.id,
    password: "long enough pw",
    ...over,
  });

  async function signInAs(username: string, password: string): Promise<string> {
    const res = await kit.t.call("POST", "/api/auth/login", { json: { username, password } });
    expect(res.status).toBe(200);
    return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }

  async function expectFieldIssue(res: Response, field: string, reason: string) {
    expect(res.status).toBe(422);
    const body = (await res.json()) as Issues;
    expect(body.error.code).toBe("validation");
    expect(body.error.details?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, reason })]),
    );
  }

  return { kit, account, signInAs, expectFieldIssue };
}

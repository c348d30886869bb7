import { ROLE_LABELS, type Role } from "@shequ/core/roles";

export const DEMO_PASSWORD = "shequ-demo-2026";

export interface DemoAccountSpec {
  username: string;
  displayName: string;
  role: Role;
  /** A key of DemoRegistry.scopes ("杨家园社区/第一网格"), or null for the system admin. */
  scope: string | null;
}

/** One account per role, scoped the way the people on the source page work. */
export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { username: "admin", displayName: "系统管理员", role: "admin", scope: null },
  { username: "jiedao", displayName: "王建华", role: "subdistrict_officer", scope: "酒泉路街道" },
  { username: "yangjiayuan", displayName: "杨秀兰", role: "community_secretary", scope: "杨家园社区" },
  { username: "wangge1", displayName: "张丽娟", role: "grid_worker", scope: "杨家园社区/第一网格" },
  { username: "wangge2", displayName: "马海涛", role: "grid_worker", scope: "杨家园社区/第二网格" },
  { username: "dengji", displayName: "李晓燕", role: "registrar", scope: "杨家园社区" },
  { username: "yihu", displayName: "赵敏", role: "medic", scope: "杨家园社区" },
  { username: "lab", displayName: "城关区检测中心", role: "lab", scope: "城关区" },
  { username: "cangku", displayName: "刘志强", role: "warehouse_keeper", scope: "酒泉路街道" },
  { username: "zhiyuan", displayName: "陈国庆", role: "volunteer", scope: "杨家园社区" },
  { username: "shezu", displayName: "周红梅", role: "org_member", scope: "酒泉路街道" },
];

/** "社区书记 · 杨家园社区", as the console prints it beside the username. */
export function demoAccountLabel(spec: DemoAccountSpec): string {
  const role = ROLE_LABELS[spec.role].zh;
  return spec.scope ? `${role} · ${spec.scope.replace("/", " ")}` : role;
}

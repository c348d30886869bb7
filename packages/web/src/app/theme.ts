import type { ThemeConfig } from "antd";

/** Calm and readable: a muted blue, slightly larger base text for tired eyes. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#1f5fa8",
    fontSize: 15,
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
  },
  components: {
    Layout: { headerBg: "#ffffff", siderBg: "#102a43", headerPadding: "0 16px" },
    Menu: { darkItemBg: "#102a43", darkSubMenuItemBg: "#0b2136", darkItemSelectedBg: "#1f5fa8" },
    Table: { cellPaddingBlockSM: 6 },
  },
};

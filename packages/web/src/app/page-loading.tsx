import { Spin } from "antd";

/** Shown while a page's code loads on a slow connection. */
export function PageLoading() {
  return (
    <div style={{ display: "grid", placeItems: "center", minHeight: "60vh" }}>
      <Spin size="large" />
    </div>
  );
}

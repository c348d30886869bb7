import { HomeOutlined } from "@ant-design/icons";
import { REGION_LEVEL_LABELS } from "@shequ/core/regions";
import { Breadcrumb } from "antd";
import { Link } from "react-router";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import type { RegionCrumb } from "./regions-api";

/**
 * District → subdistrict → … → unit, each a link, the level written small before the name.
 * Places above the user's area are shown for orientation but are not links (they would 404).
 */
export function RegionBreadcrumb({ crumbs, tail }: { crumbs: RegionCrumb[]; tail?: string }) {
  const lang = useLang();
  const items = [
    {
      key: "root",
      title: (
        <Link to="/regions" aria-label="root">
          <HomeOutlined />
        </Link>
      ),
    },
    ...crumbs.map((c, index) => {
      const label = (
        <>
          <span style={{ color: "#8a97a8", fontSize: 12, marginInlineEnd: 4 }}>
            {pickLabel(REGION_LEVEL_LABELS[c.level], lang)}
          </span>
          {c.name}
        </>
      );
      const current = index === crumbs.length - 1 && !tail;
      if (current) return { key: c.id, title: <strong>{label}</strong> };
      if (c.inScope === false) return { key: c.id, title: <span style={{ color: "#8a97a8" }}>{label}</span> };
      return { key: c.id, title: <Link to={`/regions/${c.id}`}>{label}</Link> };
    }),
    ...(tail ? [{ key: "tail", title: <strong>{tail}</strong> }] : []),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12, fontSize: 14 }} />;
}

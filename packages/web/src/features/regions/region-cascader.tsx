import type { RegionLevel } from "@shequ/core/regions";
import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchChildren, fetchRegion, fetchRoots, type RegionCrumb, type RegionSummary } from "./regions-api";

interface Option {
  value: string;
  label: string;
  level: RegionLevel;
  isLeaf: boolean;
  children?: Option[];
}

function toOption(child: RegionSummary, leafLevel: RegionLevel): Option {
  return { value: child.id, label: child.name, level: child.level, isLeaf: child.level === leafLevel };
}

/**
 * Picks a place in the address tree, loading each level only when opened. With `leafLevel`
 * "unit" only a unit can be chosen (registering a resident); otherwise any level (filters, scopes).
 */
export function RegionCascader(props: {
  value?: string | undefined;
  onChange: (regionId: string | undefined, path: RegionCrumb[]) => void;
  leafLevel?: RegionLevel;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const leafLevel = props.leafLevel ?? "unit";
  const anyLevel = props.leafLevel === undefined;
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);

  // Load the roots, and when a value is given, every level down to it so its labels show.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the outside value changes
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const roots = (await fetchRoots()).items.map((r) => toOption(r, leafLevel));
      let ids: string[] = [];
      if (props.value && !path.includes(props.value)) {
        const region = await fetchRegion(props.value);
        const crumbs =
          region.breadcrumb.at(-1)?.id === region.id ? region.breadcrumb : [...region.breadcrumb, region];
        const start = crumbs.findIndex((c) => roots.some((r) => r.value === c.id));
        if (start >= 0) {
          const chain = crumbs.slice(start);
          ids = chain.map((c) => c.id);
          const lists = await Promise.all(chain.slice(0, -1).map((c) => fetchChildren(c.id)));
          let level = roots;
          chain.slice(0, -1).forEach((crumb, i) => {
            const node = level.find((o) => o.value === crumb.id);
            if (!node) return;
            node.children = (lists[i]?.items ?? []).map((c) => toOption(c, leafLevel));
            level = node.children;
          });
        }
      } else if (props.value) {
        return;
      }
      if (!cancelled) {
        setOptions(roots);
        setPath(ids);
      }
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [props.value]);

  const loadData = async (selected: Option[]) => {
    const target = selected.at(-1);
    if (!target) return;
    const children = await fetchChildren(target.value);
    target.children = children.items.map((c) => toOption(c, leafLevel));
    if (target.children.length === 0) target.isLeaf = true;
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<Option>
      data-testid={props.testId}
      options={options}
      value={path}
      loadData={(selected) => void loadData(selected as Option[])}
      changeOnSelect={anyLevel}
      allowClear={props.allowClear ?? true}
      placeholder={props.placeholder ?? t("regions.pick")}
      style={props.style}
      displayRender={(labels) => labels.join(" / ")}
      onChange={(value, selected) => {
        const ids = (value ?? []) as string[];
        setPath(ids);
        const chosen = (selected ?? []) as Option[];
        props.onChange(
          ids.at(-1),
          chosen.map((o) => ({ id: o.value, name: o.label, level: o.level })),
        );
      }}
    />
  );
}

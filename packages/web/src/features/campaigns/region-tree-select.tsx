import { REGION_LEVELS, type RegionLevel } from "@shequ/core/regions";
import { TreeSelect } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchChildren, fetchRegion, fetchRoots, type RegionSummary } from "../regions/regions-api";

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

function toNode(region: RegionSummary, deepest: RegionLevel, parentId?: string): Node {
  const node: Node = {
    id: region.id,
    value: region.id,
    title: region.name,
    isLeaf: REGION_LEVELS.indexOf(region.level) >= REGION_LEVELS.indexOf(deepest),
  };
  if (parentId) node.pId = parentId;
  return node;
}

/**
 * Picks several places in the user's area (a round's communities, the grids or buildings a
 * point serves), loading each level when opened. `rootIds` narrows the tree to those regions,
 * e.g. a point can only serve places inside its round.
 */
export function RegionTreeSelect(props: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  deepest: RegionLevel;
  rootIds?: string[];
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const rootKey = (props.rootIds ?? []).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: rootKey stands for rootIds
  useEffect(() => {
    let cancelled = false;
    const load = props.rootIds?.length
      ? Promise.all(props.rootIds.map((id) => fetchRegion(id))).then((list) =>
          list.map((r) => ({ id: r.id, level: r.level, name: r.name, residentCount: r.counts.residents })),
        )
      : fetchRoots().then((r) => r.items);
    load
      .then(async (roots) => {
        const top = roots.map((r) => toNode(r, props.deepest));
        // One root (the user's own subdistrict): open it, so its communities show at once.
        const only = top.length === 1 && !top[0]?.isLeaf ? top[0] : undefined;
        const below = only
          ? (await fetchChildren(only.id)).items.map((c) => toNode(c, props.deepest, only.id))
          : [];
        if (cancelled) return;
        setNodes([...top, ...below]);
        setExpanded(only ? [only.id] : []);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [rootKey, props.deepest]);

  // Names for values chosen before (editing a point), so the box shows names, not ids.
  const valueKey = (props.value ?? []).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: valueKey stands for value
  useEffect(() => {
    const unknown = (props.value ?? []).filter((id) => !names[id] && !nodes.some((n) => n.id === id));
    if (unknown.length === 0) return;
    void Promise.all(unknown.map((id) => fetchRegion(id).catch(() => null))).then((list) => {
      const found: Record<string, string> = {};
      for (const region of list) if (region) found[region.id] = region.name;
      setNames((current) => ({ ...current, ...found }));
    });
  }, [valueKey, nodes.length]);

  const loadData = async (id: string) => {
    if (nodes.some((n) => n.pId === id)) return;
    const children = await fetchChildren(id);
    setNodes((current) => [...current, ...children.items.map((c) => toNode(c, props.deepest, id))]);
  };

  const labelOf = (id: string) => nodes.find((n) => n.id === id)?.title ?? names[id] ?? "…";

  return (
    <TreeSelect
      data-testid={props.testId}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => loadData(String(node.value))}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      multiple
      labelInValue
      showSearch={false}
      allowClear
      placeholder={props.placeholder ?? t("regions.pick")}
      style={{ width: "100%" }}
      value={(props.value ?? []).map((id) => ({ value: id, label: labelOf(id) }))}
      onChange={(selected: { value: string }[]) => props.onChange?.(selected.map((s) => s.value))}
      treeNodeFilterProp="title"
    />
  );
}

import { Grid, Table, type TableColumnsType, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import type { ImportIssue } from "./imports-api";

/**
 * Rows with problems: where (row, column), what was there, and what to fix, in plain words.
 * On a phone the column, value and problem stack in one cell so the problem is never off-screen.
 */
export function ImportErrorsTable({ errors }: { errors: ImportIssue[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const wide = screens.sm !== false;
  const columnNames = [...new Set(errors.map((e) => e.column))];
  const problemOf = (e: ImportIssue) => (lang === "en" ? e.messageEn || e.message : e.message);
  const renderCell = (value: string) =>
    value ? (
      <span className="mono">{value}</span>
    ) : (
      <Typography.Text type="secondary">{t("imports.emptyCell")}</Typography.Text>
    );

  const rowColumn: TableColumnsType<ImportIssue>[number] = {
    key: "row",
    title: t("imports.row"),
    dataIndex: "row",
    width: wide ? 80 : 64,
    sorter: (a, b) => a.row - b.row,
    defaultSortOrder: "ascend",
  };
  const columnColumn: TableColumnsType<ImportIssue>[number] = {
    key: "column",
    title: t("imports.column"),
    dataIndex: "column",
    width: wide ? 120 : undefined,
    filters: columnNames.map((c) => ({ text: c, value: c })),
    onFilter: (value, record) => record.column === value,
    sorter: (a, b) => a.column.localeCompare(b.column, "zh-CN"),
    render: wide
      ? undefined
      : (column: string, e) => (
          <div>
            <div>
              <strong>{column}</strong> {renderCell(e.value)}
            </div>
            <div style={{ color: "#cf1322" }}>{problemOf(e)}</div>
          </div>
        ),
  };
  const columns: TableColumnsType<ImportIssue> = wide
    ? [
        rowColumn,
        columnColumn,
        { key: "value", title: t("imports.value"), dataIndex: "value", width: 200, render: renderCell },
        { key: "message", title: t("imports.problem"), render: (_: unknown, e) => problemOf(e) },
      ]
    : [rowColumn, { ...columnColumn, title: `${t("imports.column")} · ${t("imports.problem")}` }];

  return (
    <Table<ImportIssue>
      rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
      size="small"
      dataSource={errors}
      scroll={wide ? { x: 640 } : undefined}
      pagination={{
        pageSize: 20,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        hideOnSinglePage: true,
      }}
      onRow={() => ({ "data-testid": "import-error-row" }) as HTMLAttributes<HTMLElement>}
      columns={columns}
    />
  );
}

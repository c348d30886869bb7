import { REGION_LEVEL_LABELS, type RegionLevel } from "@shequ/core/regions";
import { formatCoverage, type Report, type ReportRow } from "@shequ/core/report-schema";
import { Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { formatCount } from "../command/command-format";

/** The figures of a row in the order the table (and the printed sheet and workbook) shows them. */
export const ROW_FIGURES = [
  "expected",
  "sampled",
  "coverage",
  "exempted",
  "missing",
  "tubes",
  "positiveTubes",
  "recalled",
  "resampled",
  "recallsOpen",
  "recallsClosed",
] as const satisfies readonly (keyof ReportRow)[];

/** A figure as text: coverage as a percentage rounded down, counts with separators. */
export function figureText(row: ReportRow, key: (typeof ROW_FIGURES)[number]): string {
  return key === "coverage" ? formatCoverage(row.coverage) : formatCount(row[key]);
}

/** The level the rows are at, in the user's language: "社区" / "Community" (`inText`: "community"). */
export function useRowLevel(report: Report, inText = false): string {
  const lang = useLang();
  const level = (report.rowLevel ?? "community") as RegionLevel;
  const label = pickLabel(REGION_LEVEL_LABELS[level], lang, level);
  return inText && lang === "en" ? label.toLowerCase() : label;
}

/** One row per region one level down, the points serving several of them, and the total. */
export function ReportTable({ report }: { report: Report }) {
  const { t } = useTranslation();
  const level = useRowLevel(report);
  const inText = useRowLevel(report, true);
  const columns: ColumnsType<ReportRow> = [
    { title: level, dataIndex: "name", key: "name", fixed: "left", ellipsis: true, width: 170 },
    ...ROW_FIGURES.map((key) => ({
      title: t(`reports.cols.${key}`),
      key,
      align: "right" as const,
      className: "report-num",
      render: (_: unknown, row: ReportRow) => (
        <span style={key === "missing" && row.missing > 0 ? { color: "#cf1322" } : undefined}>
          {figureText(row, key)}
        </span>
      ),
    })),
  ];
  const shared = report.shared;
  return (
    <>
      <Table<ReportRow>
        className="report-table"
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={columns}
        dataSource={report.rows}
        data-testid="report-table"
        summary={() => (
          <Table.Summary>
            {shared.points > 0 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  {t("reports.sharedPoints", { level, count: shared.points })}
                </Table.Summary.Cell>
                {ROW_FIGURES.map((key, i) => (
                  <Table.Summary.Cell key={key} index={i + 1} align="right">
                    {key === "tubes"
                      ? formatCount(shared.tubes)
                      : key === "positiveTubes"
                        ? formatCount(shared.positiveTubes)
                        : ""}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
            <Table.Summary.Row data-testid="report-total">
              <Table.Summary.Cell index={0}>{t("reports.total")}</Table.Summary.Cell>
              {ROW_FIGURES.map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 1} align="right">
                  {figureText(report.region, key)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
        {t("reports.tubesHint", { level: inText })}
        {shared.points > 0 && ` ${t("reports.sharedHint", { level: inText })}`}
      </Typography.Paragraph>
    </>
  );
}

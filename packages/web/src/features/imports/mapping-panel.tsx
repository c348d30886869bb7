import { ReloadOutlined } from "@ant-design/icons";
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportField } from "@shequ/core/import-columns";
import { Alert, Button, Card, Select, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";

interface Row {
  header: string;
  field: string;
}

/** For each column of the file, the field it fills; columns we did not recognise come first. */
export function MappingPanel(props: {
  headers: string[];
  unmapped: string[];
  mapping: Record<string, string>;
  dirty: boolean;
  onChange: (mapping: Record<string, string>) => void;
  onRecheck: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const used = new Map<string, number>();
  for (const field of Object.values(props.mapping)) if (field) used.set(field, (used.get(field) ?? 0) + 1);
  const rows: Row[] = [...props.headers]
    .sort((a, b) => Number(props.unmapped.includes(b)) - Number(props.unmapped.includes(a)))
    .map((header) => ({ header, field: props.mapping[header] ?? "" }));
  const duplicated = [...used].filter(([, n]) => n > 1).map(([field]) => field);

  return (
    <Card
      size="small"
      title={t("imports.mappingTitle")}
      extra={
        <Button
          type={props.dirty ? "primary" : "default"}
          icon={<ReloadOutlined />}
          onClick={props.onRecheck}
          disabled={duplicated.length > 0}
          data-testid="import-recheck"
        >
          {t("imports.recheck")}
        </Button>
      }
    >
      {duplicated.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("imports.duplicateMapping", {
            fields: duplicated
              .map((f) => pickLabel(IMPORT_FIELD_LABELS[f as ImportField], lang, f))
              .join("、"),
          })}
        />
      )}
      <Table<Row>
        rowKey="header"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            key: "header",
            title: t("imports.fileColumn"),
            dataIndex: "header",
            render: (header: string) => (
              <span>
                {header}{" "}
                {props.unmapped.includes(header) && !props.mapping[header] && (
                  <Tag color="orange">{t("imports.unrecognised")}</Tag>
                )}
              </span>
            ),
          },
          {
            key: "field",
            title: t("imports.importAs"),
            dataIndex: "field",
            render: (field: string, row) => (
              <Select
                value={field}
                style={{ width: "100%", maxWidth: 240 }}
                status={field && (used.get(field) ?? 0) > 1 ? "warning" : undefined}
                onChange={(value: string) => props.onChange({ ...props.mapping, [row.header]: value })}
                data-testid={`import-map-${row.header}`}
                options={[
                  { value: "", label: t("imports.skipColumn") },
                  ...IMPORT_FIELDS.map((f) => ({ value: f, label: pickLabel(IMPORT_FIELD_LABELS[f], lang) })),
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from "@shequ/core/import-columns";

/**
 * An empty CSV with the Chinese column names the import recognises. The byte-order mark makes
 * Excel on Windows read it as UTF-8 instead of garbling the headers.
 */
export function downloadTemplate(): void {
  const headers = IMPORT_FIELDS.map((field) => IMPORT_FIELD_LABELS[field].zh);
  const blob = new Blob([`\uFEFF${headers.join(",")}\r\n`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = "居民导入模板.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import type { ImportField } from "@shequ/core/import-columns";
import { apiSend, apiUpload } from "../../app/api-client";

export interface ImportIssue {
  row: number;
  column: string;
  value: string;
  reason: string;
  message: string;
  messageEn: string;
}

export interface ImportPreview {
  jobId: string;
  filename: string;
  format: string;
  headers: string[];
  mapping: Record<string, ImportField | "">;
  missingFields: ImportField[];
  unmappedHeaders: string[];
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  errors: ImportIssue[];
  /** Problems of each kind over the whole file (errors lists only the first ones). */
  errorCounts: Record<string, number>;
  creates: { buildings: number; units: number; households: number };
  inserts: number;
  updates: number;
}

export interface ImportResult {
  jobId: string;
  inserted: number;
  updated: number;
  rejected: number;
  creates: { buildings: number; units: number; households: number };
}

export function uploadImport(file: File): Promise<ImportPreview> {
  return apiUpload("/imports", "file", file);
}

export function previewImport(jobId: string, mapping: Record<string, string>): Promise<ImportPreview> {
  return apiSend("POST", `/imports/${encodeURIComponent(jobId)}/preview`, { mapping });
}

export function commitImport(jobId: string, mapping: Record<string, string>): Promise<ImportResult> {
  return apiSend("POST", `/imports/${encodeURIComponent(jobId)}/commit`, { mapping });
}

export function discardImport(jobId: string): Promise<unknown> {
  return apiSend("POST", `/imports/${encodeURIComponent(jobId)}/discard`);
}

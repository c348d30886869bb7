import type { BoxStatus } from "@shequ/core/box-manifest";
import { ApiError, apiDelete, apiGet, apiSend } from "../../app/api-client";

// Shapes of the boxes API (packages/server/src/features/boxes/box-schema.ts).

export interface BoxSummary {
  id: string;
  barcode: string;
  status: BoxStatus;
  tubes: number;
  /** While packing: its tubes plus the point's sealed tubes waiting; once sealed: its manifest. */
  expected: number;
  createdAt: string;
  sealedAt: string | null;
  handedOverAt: string | null;
  courier: string | null;
  receivedAt: string | null;
  receipt: { received: number; missing: number; extra: number } | null;
}

export interface WaitingTube {
  barcode: string;
  people: number;
  single: boolean;
  sealedAt: string | null;
}

export interface BoxList {
  items: BoxSummary[];
  waiting: number;
  waitingTubes: WaitingTube[];
}

export type CustodyKind =
  | "created"
  | "packed"
  | "unpacked"
  | "sealed"
  | "handed_over"
  | "received"
  | "tube_received"
  | "tube_missing"
  | "tube_extra";

export interface BoxDetail {
  box: BoxSummary & {
    campaign: { id: string; name: string };
    site: { id: string; name: string; address: string };
  };
  tubes: {
    barcode: string;
    people: number;
    single: boolean;
    status: string;
    boxedAt: string | null;
    receivedAt: string | null;
  }[];
  events: { kind: CustodyKind; at: string; user: string | null; party: string | null; tube: string | null }[];
}

export interface PackResult {
  box: BoxSummary;
  tube: { barcode: string; people: number; single: boolean };
  already: boolean;
  waiting: number;
}

export interface BoxResult {
  box: BoxSummary;
  waiting: number;
}

export interface ReceiveResult {
  received: number;
  missing: string[];
  extra: string[];
  already: boolean;
  box: BoxSummary;
}

export interface BoxPoint {
  campaignId: string;
  siteId: string;
}

export function fetchBoxes(point: BoxPoint, signal?: AbortSignal): Promise<BoxList> {
  return apiGet("/boxes", { ...point }, signal);
}

export function fetchBox(id: string, signal?: AbortSignal): Promise<BoxDetail> {
  return apiGet(`/boxes/${encodeURIComponent(id)}`, undefined, signal);
}

export function fetchBoxByBarcode(barcode: string, signal?: AbortSignal): Promise<BoxDetail> {
  return apiGet(`/boxes/barcode/${encodeURIComponent(barcode)}`, undefined, signal);
}

export function startBox(point: BoxPoint, barcode: string): Promise<BoxSummary> {
  return apiSend("POST", "/boxes", { ...point, barcode });
}

export function packTube(boxId: string, barcode: string): Promise<PackResult> {
  return apiSend("POST", `/boxes/${encodeURIComponent(boxId)}/tubes`, { barcode });
}

export function sealBox(boxId: string): Promise<BoxResult> {
  return apiSend("POST", `/boxes/${encodeURIComponent(boxId)}/seal`);
}

export function handOverBox(boxId: string, courier: string, phone?: string): Promise<BoxResult> {
  return apiSend("POST", `/boxes/${encodeURIComponent(boxId)}/hand-over`, {
    courier,
    ...(phone ? { phone } : {}),
  });
}

export function receiveBox(boxId: string, tubes: string[]): Promise<ReceiveResult> {
  return apiSend("POST", `/boxes/${encodeURIComponent(boxId)}/receive`, { tubes });
}

/** Takes a tube out of a box being packed. */
export const unpackTube = (boxId: string, barcode: string) =>
  apiDelete<BoxResult>(`/boxes/${encodeURIComponent(boxId)}/tubes/${encodeURIComponent(barcode)}`);

/** The refusal code the boxes API puts in `details.code` (tube_boxed, box_sealed…), if any. */
export function refusalOf(error: unknown): { code: string; box?: string; boxId?: string } | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.details as { code?: unknown; box?: unknown; boxId?: unknown } | undefined;
  if (typeof details?.code !== "string") return undefined;
  return {
    code: details.code,
    box: typeof details.box === "string" ? details.box : undefined,
    boxId: typeof details.boxId === "string" ? details.boxId : undefined,
  };
}

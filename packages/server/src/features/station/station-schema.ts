import { z } from "@hono/zod-openapi";
import { ID_TYPES } from "@shequ/core/id-document";
import { TUBE_STATUSES } from "@shequ/core/tube-state";

const Uuid = z.string().uuid();
const Barcode = z.string().trim().min(1).max(64);
const Override = z.object({ reason: z.string().trim().min(1).max(200) });

export const StationPointQuery = z.object({
  campaignId: z.string().min(1).max(64),
  siteId: z.string().min(1).max(64),
});
export type StationPointQuery = z.infer<typeof StationPointQuery>;

export const StationScansQuery = z.object({ stationId: Uuid });

export const StationBootstrap = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string(), poolSize: z.number(), status: z.string() }),
    site: z.object({
      id: z.string(),
      name: z.string(),
      address: z.string(),
      /** Set once the point is closed: the station still takes scans of people already there. */
      closedAt: z.string().nullable(),
    }),
    keys: z.array(z.object({ keyId: z.string(), publicKey: z.string() })),
    households: z.array(
      z.object({
        householdId: z.string(),
        address: z.string(),
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
        residents: z.array(
          z.object({
            residentId: z.string(),
            /** Masked: 雷*. */
            name: z.string(),
            sex: z.string().nullable(),
            age: z.number().nullable(),
            /** base64url(sha256(campaignId + ":" + idNumber)). */
            idHash: z.string(),
          }),
        ),
      }),
    ),
    sampledResidentIds: z.array(z.string()),
    /** Sampled, but their pooled tube was positive or invalid: sample again, in a single tube. */
    recalledResidentIds: z.array(z.string()),
    generatedAt: z.string(),
  })
  .openapi("StationBootstrap");
export type StationBootstrap = z.infer<typeof StationBootstrap>;

/**
 * The envelope every scan shares. The kind's own fields are checked scan by scan, so one malformed
 * scan is stored as rejected ("invalid_scan") instead of blocking the station's whole queue.
 */
export const ScanEnvelope = z
  .object({
    id: Uuid,
    seq: z.number().int().min(0).max(2_147_483_647),
    at: z.string().datetime({ offset: true }),
    campaignId: z.string().min(1).max(64),
    siteId: z.string().min(1).max(64),
    kind: z.string().min(1).max(32).openapi({ description: "open_tube | bind | unbind_last | seal" }),
  })
  .passthrough();
export type ScanEnvelope = z.infer<typeof ScanEnvelope>;

export const ScanBatchInput = z
  .object({ stationId: Uuid, scans: z.array(ScanEnvelope).min(1).max(500) })
  .openapi("StationScanBatch");
export type ScanBatchInput = z.infer<typeof ScanBatchInput>;

export const OpenTubeScan = z.object({
  barcode: Barcode,
  single: z.boolean().optional(),
  override: Override.optional(),
});

export const WalkIn = z.object({
  name: z.string().trim().min(1).max(50),
  idType: z.enum(ID_TYPES),
  idNumber: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(32).optional(),
});
export type WalkIn = z.infer<typeof WalkIn>;

export const BindScan = z
  .object({
    barcode: Barcode,
    residentId: z.string().min(1).max(64).optional(),
    token: z.string().min(1).max(200).optional(),
    idNumber: z.string().min(1).max(40).optional(),
    walkIn: WalkIn.optional(),
    fever: z.boolean().optional(),
    override: Override.optional(),
  })
  .refine((s) => [s.residentId, s.token, s.idNumber, s.walkIn].filter((x) => x !== undefined).length === 1, {
    message: "Name the person exactly one way: residentId, token, idNumber or walkIn",
  });
export type BindScan = z.infer<typeof BindScan>;

export const TubeScan = z.object({ barcode: Barcode });

export const TubeView = z.object({
  barcode: z.string(),
  poolSize: z.number(),
  people: z.number(),
  status: z.enum(TUBE_STATUSES),
});
export type TubeView = z.infer<typeof TubeView>;

export const ScanResult = z.object({
  id: z.string(),
  status: z.enum(["applied", "duplicate", "rejected"]),
  code: z.string().optional(),
  message: z.string().optional(),
  /** For a duplicate: what the first delivery of this scan came to. */
  stored: z.enum(["applied", "rejected"]).optional(),
  tube: TubeView.optional(),
});
export type ScanResult = z.infer<typeof ScanResult>;

export const ScanResults = z.object({ results: z.array(ScanResult) }).openapi("StationScanResults");

export const TubeList = z
  .object({
    items: z.array(
      TubeView.extend({
        openedAt: z.string(),
        sealedAt: z.string().nullable(),
        single: z.boolean(),
      }),
    ),
  })
  .openapi("StationTubeList");
export type TubeList = z.infer<typeof TubeList>;

export const ScanList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        seq: z.number(),
        kind: z.string(),
        status: z.string(),
        code: z.string().nullable(),
      }),
    ),
  })
  .openapi("StationScanList");
export type ScanList = z.infer<typeof ScanList>;

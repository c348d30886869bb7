import { z } from "@hono/zod-openapi";

const Person = z.object({ id: z.string(), name: z.string(), badgeNo: z.string().nullable() });

export const ScanInput = z
  .object({
    badge: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .openapi({ description: "QR text SQB1.<code> or the armband number" }),
    siteId: z.string().max(64).optional(),
    campaignId: z.string().max(64).optional(),
  })
  .openapi("AttendanceScanInput");

export const ScanResult = z
  .object({
    kind: z.enum(["arrival", "departure"]),
    attendanceId: z.string(),
    at: z.string(),
    worker: Person,
    shift: z
      .object({
        assignmentId: z.string(),
        siteId: z.string(),
        siteName: z.string(),
        zone: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
      })
      .nullable(),
    lateMinutes: z.number().nullable(),
    hours: z.number().nullable(),
  })
  .openapi("AttendanceScanResult");

export const AttendanceQuery = z.object({
  campaignId: z.string().max(64).optional(),
  siteId: z.string().max(64).optional(),
});

export const AttendanceList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        workerId: z.string(),
        name: z.string(),
        badgeNo: z.string().nullable(),
        siteId: z.string().nullable(),
        siteName: z.string().nullable(),
        zone: z.string().nullable(),
        checkInAt: z.string(),
        checkOutAt: z.string().nullable(),
        hours: z.number(),
        lateMinutes: z.number().nullable(),
      }),
    ),
    onDuty: z.number(),
    arrivals: z.number(),
    noShows: z.array(
      z.object({
        assignmentId: z.string(),
        workerId: z.string(),
        name: z.string(),
        badgeNo: z.string().nullable(),
        siteName: z.string(),
        zone: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
      }),
    ),
  })
  .openapi("AttendanceToday");

export const OverLimitList = z
  .object({
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        badgeNo: z.string().nullable(),
        onDuty: z.boolean(),
        rule: z.string(),
        from: z.string(),
        to: z.string(),
        hours: z.number(),
        limit: z.number(),
      }),
    ),
  })
  .openapi("OverLimitList");

export const HoursQuery = z.object({
  campaignId: z.string().min(1).max(64),
  communityId: z.string().max(64).optional(),
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
});

export const HoursList = z
  .object({
    campaignName: z.string(),
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        badgeNo: z.string().nullable(),
        source: z.string(),
        sourceOrg: z.string().nullable(),
        communityName: z.string(),
        shifts: z.number(),
        hours: z.number(),
        firstAt: z.string().nullable(),
        lastAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("WorkerHours");

export const MessageInput = z
  .object({
    campaignId: z.string().min(1).max(64),
    siteId: z.string().max(64).optional(),
    demandId: z.string().max(64).optional(),
    text: z.string().trim().min(2).max(300),
  })
  .openapi("WorkerMessageInput");

export const MessageRun = z
  .object({
    runId: z.string(),
    queued: z.number(),
    sent: z.number().optional(),
    failed: z.number().optional(),
  })
  .openapi("WorkerMessageRun");

const MyShift = z.object({
  campaignName: z.string(),
  siteName: z.string(),
  address: z.string(),
  zone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  attended: z.boolean(),
});
export const MyShifts = z
  .object({
    displayName: z.string().nullable(),
    badgeNo: z.string().nullable(),
    onDuty: z.boolean(),
    hours: z.number(),
    upcoming: z.array(MyShift),
    past: z.array(MyShift),
  })
  .openapi("MyShifts");

import { z } from "@hono/zod-openapi";

export const WalkInQuery = z.object({
  status: z.enum(["flagged", "resolved", "all"]).default("flagged"),
});

export const WalkInItem = z
  .object({
    walkInId: z.string(),
    /** Masked (王*): the list is for finding whom to register, the reveal shows the full details. */
    name: z.string(),
    idType: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string().nullable(),
    site: z.object({ id: z.string(), name: z.string() }),
    registeredAt: z.string(),
    status: z.enum(["flagged", "resolved"]),
    resolvedAt: z.string().nullable(),
  })
  .openapi("WalkIn");

export const WalkInList = z
  .object({ items: z.array(WalkInItem), flagged: z.number(), resolved: z.number() })
  .openapi("WalkInList");

export const WalkInDetails = z
  .object({
    walkInId: z.string(),
    name: z.string(),
    idType: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
  })
  .openapi("WalkInDetails");

export type WalkInList = z.infer<typeof WalkInList>;
export type WalkInDetails = z.infer<typeof WalkInDetails>;

import { z } from "@hono/zod-openapi";
import { QUALIFICATIONS } from "@shequ/core/work-zones";

const Id = z.string().min(1).max(64);
const Instant = z.string().datetime({ offset: true });

export const CampaignQuery = z.object({ campaignId: Id, siteId: Id.optional() });
export type CampaignQuery = z.infer<typeof CampaignQuery>;

export const DemandInput = z
  .object({
    campaignId: Id,
    siteId: Id,
    zone: z.string().trim().min(1).max(40),
    startsAt: Instant,
    endsAt: Instant,
    needed: z.number().int().min(0).max(500),
    qualification: z.enum(QUALIFICATIONS).nullish(),
  })
  .openapi("ShiftDemandInput");
export type DemandInput = z.infer<typeof DemandInput>;

export const GenerateInput = z
  .object({
    campaignId: Id,
    siteId: Id,
    windowHours: z.number().min(0.5).max(12).default(2),
    perZone: z.record(z.string().trim().min(1).max(40), z.number().int().min(0).max(500)),
  })
  .openapi("ShiftDemandGenerate");
export type GenerateInput = z.infer<typeof GenerateInput>;

export const DemandView = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    siteId: z.string(),
    zone: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    needed: z.number(),
    planned: z.number(),
    qualification: z.string().nullable(),
  })
  .openapi("ShiftDemand");
export type DemandView = z.infer<typeof DemandView>;

export const DemandList = z.object({ items: z.array(DemandView) }).openapi("ShiftDemandList");
export const GenerateResult = z
  .object({ created: z.number(), updated: z.number(), skipped: z.number() })
  .openapi("ShiftDemandGenerated");

export const AssignInput = z
  .object({
    demandId: Id,
    workerId: Id,
    override: z.object({ reason: z.string().trim().min(2).max(500) }).optional(),
  })
  .openapi("ShiftAssignInput");
export type AssignInput = z.infer<typeof AssignInput>;

export const Violation = z.object({
  rule: z.string(),
  from: z.string(),
  to: z.string(),
  hours: z.number(),
  limit: z.number(),
});
export type Violation = z.infer<typeof Violation>;

/** Why a person cannot take a shift: the 409 codes of an assignment, and whether an override helps. */
export const Problem = z.object({
  code: z.enum(["unqualified", "overlap", "unavailable", "rest_rule", "already_assigned"]),
  overridable: z.boolean(),
  violations: z.array(Violation).optional(),
  missing: z.array(z.string()).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const AssignmentView = z
  .object({
    id: z.string(),
    demandId: z.string(),
    workerId: z.string(),
    overrideRules: z.array(z.string()).nullable(),
    overrideReason: z.string().nullable(),
  })
  .openapi("ShiftAssignment");

export const CandidateList = z
  .object({
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        badgeNo: z.string().nullable(),
        source: z.string(),
        qualifications: z.array(z.string()),
        plannedHours: z.number(),
        problems: z.array(Problem),
      }),
    ),
  })
  .openapi("ShiftCandidates");

export const ProposeInput = z
  .object({ campaignId: Id, siteIds: z.array(Id).max(500).optional() })
  .openapi("ShiftProposeInput");
export type ProposeInput = z.infer<typeof ProposeInput>;

export const ProposedAssignment = z.object({
  demandId: z.string(),
  workerId: z.string(),
  name: z.string(),
  badgeNo: z.string().nullable(),
  siteId: z.string(),
  zone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export const Proposal = z
  .object({
    assignments: z.array(ProposedAssignment),
    gaps: z.array(z.object({ demandId: z.string(), missing: z.number() })),
  })
  .openapi("ShiftProposal");

export const AcceptInput = z
  .object({
    campaignId: Id,
    assignments: z
      .array(z.object({ demandId: Id, workerId: Id }))
      .min(1)
      .max(20_000),
  })
  .openapi("ShiftProposalAccept");
export type AcceptInput = z.infer<typeof AcceptInput>;

export const AcceptResult = z
  .object({
    saved: z.number(),
    refused: z.array(z.object({ demandId: z.string(), workerId: z.string(), code: z.string() })),
  })
  .openapi("ShiftProposalAccepted");

export const BoardPerson = z.object({
  assignmentId: z.string(),
  workerId: z.string(),
  name: z.string(),
  badgeNo: z.string().nullable(),
  overridden: z.boolean(),
});
export const Board = z
  .object({
    sites: z.array(z.object({ id: z.string(), name: z.string(), zones: z.array(z.string()) })),
    demands: z.array(DemandView.extend({ gap: z.number(), people: z.array(BoardPerson) })),
    hours: z.array(
      z.object({
        siteId: z.string(),
        hour: z.string(),
        needed: z.number(),
        planned: z.number(),
        gap: z.number(),
      }),
    ),
  })
  .openapi("ShiftBoard");
export type Board = z.infer<typeof Board>;

import type { CampaignSchedule, ScheduleResult, SiteLoad } from "./campaigns-api";

/**
 * What the 排班结果 tab shows, from a fresh scheduling run (which also knows who did not fit)
 * or from the stored schedule read back with the round.
 */
export interface ScheduleOverview {
  households: number;
  finish: string | null;
  deadline: string;
  onTime: boolean;
  shortPeople: number;
  latePeople: number;
  shortLaneHours: number;
  homeRuns: { runs: number; people: number };
  sites: SiteLoad[];
  /** Only after a run in this page: full plan or a partial re-schedule, and how many moved. */
  run?: { mode: "full" | "partial"; moved: number; unassigned: ScheduleResult["unassigned"] };
}

export function overviewOfResult(result: ScheduleResult): ScheduleOverview {
  return {
    households: result.households,
    finish: result.finish,
    deadline: result.deadline,
    onTime: result.onTime && result.shortPeople === 0,
    shortPeople: result.shortPeople,
    latePeople: result.latePeople,
    shortLaneHours: result.shortLaneHours,
    homeRuns: result.homeRuns,
    sites: result.sites,
    run: { mode: result.mode, moved: result.moved, unassigned: result.unassigned },
  };
}

export function overviewOfSchedule(schedule: CampaignSchedule): ScheduleOverview {
  const loads = schedule.sites.map((s) => s.load);
  return {
    households: schedule.assignedHouseholds,
    finish: schedule.finish,
    deadline: schedule.campaign.deadlineAt,
    onTime: schedule.onTime && loads.every((l) => l.shortPeople === 0),
    shortPeople: loads.reduce((n, l) => n + l.shortPeople, 0),
    latePeople: loads.reduce((n, l) => n + l.latePeople, 0),
    shortLaneHours: loads.reduce((n, l) => n + l.shortLaneHours, 0),
    homeRuns: schedule.homeRuns,
    sites: loads,
  };
}

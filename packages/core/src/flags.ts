/** Vulnerability flags (标签) on a resident; they drive home sampling and care later. */
export const RESIDENT_FLAGS = ["cannot_walk", "bedridden", "elderly_alone", "disabled"] as const;
export type ResidentFlag = (typeof RESIDENT_FLAGS)[number];

export const RESIDENT_FLAG_LABELS: Record<ResidentFlag, { zh: string; en: string }> = {
  cannot_walk: { zh: "行动不便", en: "Cannot walk" },
  bedridden: { zh: "卧床", en: "Bedridden" },
  elderly_alone: { zh: "独居老人", en: "Elderly living alone" },
  disabled: { zh: "残疾", en: "Disabled" },
};

const FLAG_ALIASES = new Map<string, ResidentFlag>(
  Object.entries({
    行动不便: "cannot_walk",
    不能行走: "cannot_walk",
    无法行走: "cannot_walk",
    卧床: "bedridden",
    长期卧床: "bedridden",
    独居老人: "elderly_alone",
    独居: "elderly_alone",
    空巢独居: "elderly_alone",
    残疾: "disabled",
    残疾人: "disabled",
  }) as [string, ResidentFlag][],
);

/**
 * Parses a 标签 cell such as "卧床、独居老人" or "bedridden;disabled". Returns the flags and
 * the parts it did not recognise, so an import can report them instead of dropping them.
 */
export function parseFlags(cell: string): { flags: ResidentFlag[]; unknown: string[] } {
  const flags = new Set<ResidentFlag>();
  const unknown: string[] = [];
  for (const raw of cell.split(/[,，;；、|/]+/)) {
    const part = raw.trim();
    if (!part) continue;
    const whole = lookupFlag(part);
    // "Elderly living alone" is one label; "卧床 独居" is two.
    const pieces = whole ? [part] : part.split(/\s+/);
    for (const piece of pieces) {
      const known = lookupFlag(piece);
      if (known) flags.add(known);
      else unknown.push(piece);
    }
  }
  return { flags: RESIDENT_FLAGS.filter((f) => flags.has(f)), unknown };
}

function lookupFlag(text: string): ResidentFlag | undefined {
  const lower = text.toLowerCase();
  return (
    FLAG_ALIASES.get(text) ??
    RESIDENT_FLAGS.find((f) => f === lower || RESIDENT_FLAG_LABELS[f].en.toLowerCase() === lower)
  );
}

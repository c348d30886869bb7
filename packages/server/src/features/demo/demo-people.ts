import type { ResidentFlag } from "@shequ/core/flags";
import { makeCnIdNumber } from "@shequ/core/id-number";
import { pickGivenName, pickSurname } from "./demo-names";
import { type SeededRandom, weightedTable } from "./seeded-random";

/** 城关区, Lanzhou: the region code in every demo ID number. */
const REGION_CODE = "620102";
const MOBILE_PREFIXES =
  "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 158 159 177 180 181 182 183 185 186 187 188 189 199".split(
    " ",
  );

export interface DemoPerson {
  name: string;
  sex: "M" | "F";
  birthDate: string;
  idNumber: string;
  phone: string | null;
  flags: ResidentFlag[];
}

/** Who lives in a household, before names and numbers: `ownSurname` for those who married in. */
interface Member {
  age: number;
  sex: "M" | "F";
  ownSurname: boolean;
}

// Share of households by size in a Chinese city (mean about 2.65 people).
const HOUSEHOLD_SIZES = weightedTable([
  [1, 18],
  [2, 30],
  [3, 30],
  [4, 13],
  [5, 9],
] as const);

/**
 * Makes plausible residents household by household: couples, children, grandparents, people
 * living alone, with ages, flags, phones and unique ID numbers that agree with each other.
 */
export class DemoPeople {
  readonly #usedIds = new Map<string, Set<number>>();
  readonly #usedPhones = new Set<string>();
  readonly #today: { year: number; month: number; day: number };

  constructor(
    private readonly rng: SeededRandom,
    today: Date,
  ) {
    // Ages are counted on today's date in China; 29 February counts as the 28th.
    const china = new Date(today.getTime() + 8 * 3600_000);
    const month = china.getUTCMonth();
    const day = month === 1 && china.getUTCDate() === 29 ? 28 : china.getUTCDate();
    this.#today = { year: china.getUTCFullYear(), month, day };
  }

  householdSize(): number {
    return this.rng.weighted(HOUSEHOLD_SIZES);
  }

  /** A household of `size` people (1–5). */
  household(size: number): DemoPerson[] {
    return this.#people(this.#compose(size));
  }

  /** The family of 雷敏, 47, the resident named on the source page; she comes first. */
  leiMinHousehold(size: number): DemoPerson[] {
    const family: Member[] = [
      { age: 47, sex: "F", ownSurname: true },
      { age: 49, sex: "M", ownSurname: false },
      { age: 21, sex: "M", ownSurname: false },
    ];
    const members = family.slice(0, Math.max(1, Math.min(3, size)));
    const people = this.#people(members);
    const leiMin = people[0] as DemoPerson;
    leiMin.name = "雷敏";
    return people;
  }

  #compose(size: number): Member[] {
    const rng = this.rng;
    const couple = (wifeAge: number): Member[] => [
      { age: Math.min(95, Math.max(20, wifeAge + rng.int(-2, 5))), sex: "M", ownSurname: false },
      { age: wifeAge, sex: "F", ownSurname: true },
    ];
    const child = (motherAge: number): Member => {
      const age = motherAge - rng.int(23, 34);
      return { age: age >= 0 ? age : rng.int(0, 3), sex: rng.chance(0.51) ? "M" : "F", ownSurname: false };
    };
    const elder = (parentAge: number, sex: "M" | "F"): Member => ({
      age: Math.min(96, parentAge + rng.int(24, 32)),
      sex,
      ownSurname: sex === "F",
    });
    switch (size) {
      case 1: {
        const band = rng.weighted(SINGLE_AGES);
        return [
          {
            age: rng.int(band[0], band[1]),
            sex: rng.chance(band[0] >= 65 ? 0.3 : 0.52) ? "M" : "F",
            ownSurname: false,
          },
        ];
      }
      case 2: {
        const kind = rng.weighted(PAIRS);
        if (kind === "old") return couple(rng.int(60, 86));
        if (kind === "middle") return couple(rng.int(45, 64));
        if (kind === "young") return couple(rng.int(23, 37));
        if (kind === "parent_child") {
          const mother = rng.int(30, 55);
          return [{ age: mother, sex: rng.chance(0.8) ? "F" : "M", ownSurname: false }, child(mother)];
        }
        const son = rng.int(35, 58);
        return [
          { age: son, sex: rng.chance(0.5) ? "M" : "F", ownSurname: false },
          elder(son, rng.chance(0.65) ? "F" : "M"),
        ];
      }
      case 3: {
        if (rng.chance(0.16)) {
          const mother = rng.int(55, 80);
          const adult = child(mother);
          return [...couple(mother), { ...adult, age: Math.max(adult.age, 18) }];
        }
        const mother = rng.int(26, 55);
        return [...couple(mother), child(mother)];
      }
      case 4: {
        const mother = rng.int(28, 50);
        if (rng.chance(0.55)) return [...couple(mother), child(mother), child(mother)];
        return [...couple(mother), child(mother), elder(mother, rng.chance(0.6) ? "F" : "M")];
      }
      default: {
        const mother = rng.int(26, 45);
        if (rng.chance(0.7)) {
          const grandma = elder(mother, "F");
          return [
            ...couple(mother),
            child(mother),
            { ...elder(mother, "M"), age: grandma.age + rng.int(0, 4) },
            grandma,
          ];
        }
        return [...couple(mother), child(mother), child(mother), elder(mother, "F")];
      }
    }
  }

  #people(members: Member[]): DemoPerson[] {
    const family = pickSurname(this.rng);
    const alone = members.length === 1;
    return members.map((m) => {
      const birthDate = this.#birthDate(m.age);
      const surname = m.ownSurname ? pickSurname(this.rng) : family;
      return {
        name: surname + pickGivenName(this.rng, m.sex, Number(birthDate.slice(0, 4))),
        sex: m.sex,
        birthDate,
        idNumber: this.#idNumber(birthDate, m.sex),
        phone: this.#phone(m.age),
        flags: this.#flags(m.age, alone),
      };
    });
  }

  /** A birth date that makes the person exactly `age` today. */
  #birthDate(age: number): string {
    const { year, month, day } = this.#today;
    const birthday = Date.UTC(year - age, month, day) - this.rng.int(0, 364) * 86_400_000;
    return new Date(birthday).toISOString().slice(0, 10);
  }

  /** Unique per birth date: the sequence is odd for men and even for women, as in GB 11643. */
  #idNumber(birthDate: string, sex: "M" | "F"): string {
    let used = this.#usedIds.get(birthDate);
    if (!used) {
      used = new Set();
      this.#usedIds.set(birthDate, used);
    }
    let sequence = this.rng.int(0, 499) * 2 + (sex === "M" ? 1 : 0);
    while (used.has(sequence)) sequence = (sequence + 2) % 1000;
    used.add(sequence);
    return makeCnIdNumber({ regionCode: REGION_CODE, birthDate, sequence });
  }

  /** Most adults give a mobile number; children none, the very old less often. */
  #phone(age: number): string | null {
    if (age < 18 || !this.rng.chance(age >= 75 ? 0.6 : 0.9)) return null;
    for (;;) {
      const phone = `${this.rng.pick(MOBILE_PREFIXES)}${String(this.rng.int(0, 99_999_999)).padStart(8, "0")}`;
      if (!this.#usedPhones.has(phone)) {
        this.#usedPhones.add(phone);
        return phone;
      }
    }
  }

  /** Flags rise steeply with age; a bedridden person cannot walk either. */
  #flags(age: number, alone: boolean): ResidentFlag[] {
    const rng = this.rng;
    const band = age >= 75 ? 3 : age >= 60 ? 2 : age >= 18 ? 1 : 0;
    const flags: ResidentFlag[] = [];
    const bedridden = rng.chance([0.0003, 0.0005, 0.006, 0.055][band] as number);
    if (bedridden || rng.chance([0.002, 0.003, 0.018, 0.09][band] as number)) flags.push("cannot_walk");
    if (bedridden) flags.push("bedridden");
    if (alone && age >= 65) flags.push("elderly_alone");
    if (rng.chance([0.006, 0.016, 0.03, 0.05][band] as number)) flags.push("disabled");
    return flags;
  }
}

// People living alone are mostly young workers and the middle-aged; about 4% of those over 65
// live alone in the demo, which is what the community has flagged as 独居老人.
const SINGLE_AGES = weightedTable([
  [[20, 34], 44],
  [[35, 59], 38],
  [[60, 64], 9],
  [[65, 92], 9],
] as const);

const PAIRS = weightedTable([
  ["old", 40],
  ["middle", 25],
  ["young", 20],
  ["parent_child", 10],
  ["with_elder", 5],
] as const);

import { idReasonMessage } from "@shequ/core/id-document";
import { maskName } from "@shequ/core/mask";
import { decodeBase64Url, type TokenPublicKey, verifyResidentToken } from "@shequ/core/resident-token";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { beep } from "./beep";
import { classifyEntry, idHashOf } from "./scan-entry";
import type { ScanBody, WalkIn } from "./station-api";
import type { StoredScan } from "./station-db";
import { canUndo, openTube, type PersonEntry } from "./station-state";
import type { Station } from "./use-station";

export interface Feedback {
  tone: "ok" | "problem" | "info";
  text: string;
  /** Grows with every message so the flash replays even when the text repeats. */
  n: number;
  /** An ID number not in the list: offer the walk-in form with it filled in. */
  walkInIdNumber?: string;
}

/** A warning that needs a deliberate "仍然登记" with a reason before the scan is stored. */
export interface OverrideAsk {
  what: "already_sampled" | "tube_used";
  subject: string;
  body: ScanBody;
  local: { residentId?: string };
  /** A refused scan this one takes the place of, put aside once the override is stored. */
  replaces?: string;
}

type BindHow = Omit<Extract<ScanBody, { kind: "bind" }>, "kind" | "barcode">;

/**
 * A single tube asked for: by the fever button (the next person is flagged), or because a recalled
 * person was scanned (they are bound as soon as the new tube is scanned).
 */
export interface SingleAsk {
  reason: "fever" | "recall";
  pending?: { how: BindHow; person?: PersonEntry; residentId?: string; subject: string };
}

/** Turns what was scanned, typed or tapped into stored scans, with a sound and a sentence for each. */
export function useScanActions(station: Station) {
  const { t } = useTranslation();
  const lang = useLang();
  const [feedback, setFeedback] = useState<Feedback>();
  const [ask, setAsk] = useState<OverrideAsk>();
  const [single, setSingle] = useState<SingleAsk>();
  const counter = useRef(0);
  const { view, index, loaded, record } = station;
  const bootstrap = loaded?.bootstrap;
  const keys = useMemo<TokenPublicKey[]>(
    () =>
      (bootstrap?.keys ?? []).flatMap((k) => {
        const publicKey = decodeBase64Url(k.publicKey);
        return publicKey ? [{ keyId: k.keyId, publicKey }] : [];
      }),
    [bootstrap?.keys],
  );

  const say = useCallback((tone: Feedback["tone"], text: string, extra: Partial<Feedback> = {}) => {
    if (tone !== "info") beep(tone);
    counter.current += 1;
    setFeedback({ tone, text, n: counter.current, ...extra });
  }, []);

  const describe = useCallback(
    (person: PersonEntry) =>
      [
        person.resident.name,
        person.resident.age === null ? "" : t("station.age", { age: person.resident.age }),
        person.household.address,
      ]
        .filter(Boolean)
        .join(" · "),
    [t],
  );

  /** Stores a bind (or asks for an override first) and says how full the tube is now. */
  const bind = useCallback(
    async (
      how: BindHow,
      person?: PersonEntry,
      residentId?: string,
      into?: { barcode: string; poolSize: number },
    ) => {
      if (!view) return;
      const subject = person
        ? describe(person)
        : how.walkIn
          ? maskName(how.walkIn.name)
          : t("station.otherPoint");
      const id = residentId ?? person?.resident.residentId;
      const open = openTube(view);
      const tube =
        into ??
        (open ? { barcode: open.barcode, poolSize: open.poolSize, binds: open.binds.length } : undefined);
      const isSingle = tube?.poolSize === 1;
      // A recalled person never goes into a pooled tube: ask for a single tube, then bind them to it.
      if (id && view.recalled.has(id) && !isSingle) {
        say("problem", t("station.msg.recalled", { who: subject }));
        setSingle({ reason: "recall", pending: { how, person, residentId: id, subject } });
        return;
      }
      if (!tube) {
        say("problem", t("station.msg.noTube"));
        return;
      }
      const fever = single?.reason === "fever" && isSingle ? { fever: true } : {};
      const body: ScanBody = { kind: "bind", barcode: tube.barcode, ...how, ...fever };
      if (id && view.sampled.has(id) && !view.recalled.has(id) && !how.override) {
        say("problem", t("station.msg.alreadySampled", { who: subject }));
        setAsk({ what: "already_sampled", subject, body, local: { residentId: id } });
        return;
      }
      await record(body, { residentId: id });
      if (isSingle) setSingle(undefined);
      const people = ("binds" in tube ? tube.binds : 0) + 1;
      const text = t("station.msg.bound", { who: subject, people, pool: tube.poolSize });
      // Opened just now (a recall) the single tube is not in the view yet: the view's current tube waits.
      const waiting = into ? view.current?.status === "open" && !view.current.single : !!view.paused;
      if (isSingle) {
        const next = waiting ? t("station.msg.backToPool") : t("station.msg.nextTube");
        say("ok", `${t("station.msg.boundSingle", { who: subject })} ${next}`);
      } else say("ok", people >= tube.poolSize ? `${text} ${t("station.msg.autoSealed")}` : text);
    },
    [view, record, say, t, describe, single],
  );

  const openNewTube = useCallback(
    async (barcode: string) => {
      if (!view) return;
      const current = view.current;
      if (current?.barcode === barcode && current.status === "open") {
        say("info", t("station.msg.sameTube", { barcode }));
        return;
      }
      if (single) {
        if (view.tubes.some((tube) => tube.barcode === barcode)) {
          say("problem", t("station.msg.singleNeedsNew", { barcode }));
          return;
        }
        await record({ kind: "open_tube", barcode, single: true });
        if (single.pending) {
          const { how, person, residentId } = single.pending;
          await bind(how, person, residentId, { barcode, poolSize: 1 });
        } else say("ok", t("station.msg.singleOpened", { barcode }));
        return;
      }
      if (current && current.status === "open" && current.binds.length > 0) {
        say(
          "problem",
          t("station.msg.tubeNotDone", {
            barcode: current.barcode,
            people: current.binds.length,
            pool: current.poolSize,
          }),
        );
        return;
      }
      const body: ScanBody = { kind: "open_tube", barcode };
      if (view.tubes.some((tube) => tube.barcode === barcode)) {
        say("problem", t("station.msg.tubeUsed", { barcode }));
        setAsk({ what: "tube_used", subject: barcode, body, local: {} });
        return;
      }
      await record(body);
      say("ok", t("station.msg.tubeOpened", { barcode }));
    },
    [view, record, say, t, single, bind],
  );

  /** The fever button: the next tube scanned is a tube of one, and its person is flagged. */
  const askSingle = useCallback(() => {
    setSingle({ reason: "fever" });
    say("info", t("station.msg.singleAsked"));
  }, [say, t]);
  const cancelSingle = useCallback(() => setSingle(undefined), []);

  const submit = useCallback(
    async (text: string) => {
      if (!view || !index || !bootstrap) return;
      const entry = classifyEntry(text);
      if (entry.kind === "empty") return;
      if (entry.kind === "tube") return openNewTube(entry.barcode);
      if (entry.kind === "id_invalid") return say("problem", idReasonMessage(entry.reason, lang));
      if (entry.kind === "id") {
        const person = index.byIdHash.get(idHashOf(bootstrap.campaign.id, entry.idNumber));
        if (!person) return say("problem", t("station.msg.idNotListed"), { walkInIdNumber: entry.idNumber });
        return bind({ residentId: person.resident.residentId }, person);
      }
      const check = verifyResidentToken(entry.token, keys);
      if (!check.ok) return say("problem", t("station.msg.badToken"));
      if (check.payload.campaignId !== bootstrap.campaign.id)
        return say("problem", t("station.msg.otherRound"));
      const person = index.byResidentId.get(check.payload.residentId);
      return bind({ token: entry.token }, person, check.payload.residentId);
    },
    [view, index, bootstrap, keys, lang, say, t, bind, openNewTube],
  );

  const pick = useCallback(
    (person: PersonEntry) => bind({ residentId: person.resident.residentId }, person),
    [bind],
  );
  const bindWalkIn = useCallback((walkIn: WalkIn) => bind({ walkIn }), [bind]);

  const confirmOverride = useCallback(
    async (reason: string) => {
      if (!ask) return;
      setAsk(undefined);
      await record({ ...ask.body, override: { reason } } as ScanBody, ask.local);
      if (ask.replaces) await station.resolve(ask.replaces);
      say("ok", t("station.msg.overridden", { who: ask.subject }));
    },
    [ask, record, say, t, station.resolve],
  );

  /** A scan the server refused for a reason an override can lift: ask for the reason, send it again. */
  const retry = useCallback(
    (stored: StoredScan) => {
      const { id: _id, seq: _seq, at: _at, campaignId: _campaign, siteId: _site, ...body } = stored.scan;
      const residentId = stored.residentId ?? (body.kind === "bind" ? body.residentId : undefined);
      const person = residentId ? index?.byResidentId.get(residentId) : undefined;
      const subject =
        body.kind !== "bind"
          ? body.barcode
          : person
            ? describe(person)
            : body.walkIn
              ? maskName(body.walkIn.name)
              : t("station.otherPoint");
      setAsk({
        what: stored.code === "tube_used" ? "tube_used" : "already_sampled",
        subject,
        body,
        local: { residentId },
        replaces: stored.id,
      });
    },
    [index, describe, t],
  );

  // A scan the screen showed as done and the server then refused: say so, loudly, once.
  const refused = view?.rejected.length ?? 0;
  const seenRefused = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (seenRefused.current !== undefined && refused > seenRefused.current) {
      say("problem", t("station.msg.serverRefused", { count: refused - seenRefused.current }));
    }
    seenRefused.current = refused;
  }, [refused, say, t]);

  const seal = useCallback(async () => {
    const tube = view && openTube(view);
    if (!tube) return;
    await record({ kind: "seal", barcode: tube.barcode });
    say("ok", t("station.msg.sealed", { barcode: tube.barcode, people: tube.binds.length }));
  }, [view, record, say, t]);

  const undo = useCallback(async () => {
    if (!view?.current || !canUndo(view)) return;
    const last = view.current.binds[view.current.binds.length - 1];
    await record({ kind: "unbind_last", barcode: view.current.barcode });
    const who = last?.residentId ? index?.byResidentId.get(last.residentId) : undefined;
    say("info", t("station.msg.undone", { who: who ? describe(who) : maskName(last?.walkInName ?? "") }));
  }, [view, index, record, say, t, describe]);

  const fail = useCallback(() => say("problem", t("station.msg.notStored")), [say, t]);

  return useMemo(
    () => ({
      feedback,
      ask,
      setAsk,
      single,
      askSingle,
      cancelSingle,
      submit,
      pick,
      bindWalkIn,
      confirmOverride,
      retry,
      seal,
      undo,
      describe,
      fail,
    }),
    [
      feedback,
      ask,
      single,
      askSingle,
      cancelSingle,
      submit,
      pick,
      bindWalkIn,
      confirmOverride,
      retry,
      seal,
      undo,
      describe,
      fail,
    ],
  );
}

import type { MissingPerson, MissingUpdate } from "@shequ/core/missing-schema";
import { Card } from "antd";
import { useTranslation } from "react-i18next";
import { groupPeople } from "./group-people";
import { PersonCard } from "./person-card";

/** A page of people as stairwell cards, each with its doors in order and the people behind them. */
export function PeopleList(props: {
  campaignId: string;
  people: MissingPerson[];
  onChange: (update: MissingUpdate) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {groupPeople(props.people).map((unit) => (
        <Card
          key={unit.key}
          size="small"
          className="missing-unit"
          title={
            <span>
              {unit.buildingName} {unit.unitName}
              <span className="missing-unit-count">{t("missing.unitCount", { count: unit.people })}</span>
            </span>
          }
          styles={{ body: { padding: 0 } }}
          data-testid="missing-unit"
        >
          {unit.households.map((h) => (
            <div key={h.householdId} className="missing-household" data-testid="missing-household">
              <div className="missing-door">{t("missing.household", { door: h.door })}</div>
              <div className="missing-household-people">
                {h.people.map((p) => (
                  <PersonCard
                    key={p.residentId}
                    campaignId={props.campaignId}
                    person={p}
                    onChange={props.onChange}
                    onStale={props.onStale}
                  />
                ))}
              </div>
            </div>
          ))}
        </Card>
      ))}
    </>
  );
}

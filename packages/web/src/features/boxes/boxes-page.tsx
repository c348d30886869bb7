import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useSession } from "../auth/session";
import { PackingScreen } from "./packing-screen";
import { PointPicker, useRememberedPoint } from "./point-picker";

/**
 * /boxes: a registrar or medic packs the point's sealed tubes into transport boxes by scanning,
 * seals each box, and hands it to the courier. The round and point are remembered on the device.
 */
export function BoxesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [point, setPoint] = useRememberedPoint();
  if (!can("sample.transport")) return <ForbiddenResult />;
  return (
    <div>
      <PageTitle
        title={t("boxes.title")}
        sub={t("boxes.subtitle")}
        extra={<PointPicker value={point} onChange={setPoint} />}
      />
      {point ? (
        <PackingScreen key={`${point.campaignId}:${point.siteId}`} point={point} />
      ) : (
        <Alert type="info" showIcon title={t("boxes.pickPoint")} />
      )}
    </div>
  );
}

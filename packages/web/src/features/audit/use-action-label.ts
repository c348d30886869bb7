import { useTranslation } from "react-i18next";

/** "resident.reveal" → "查看完整号码"; "user.*" → "账号（全部）"; unknown actions keep their code. */
export function useActionLabel(): (action: string) => string {
  const { t, i18n } = useTranslation();
  return (action: string) => {
    if (action.endsWith(".*")) {
      const key = `audit.families.${action.slice(0, -2)}`;
      return i18n.exists(key) ? t(key as "audit.families.resident") : action;
    }
    // An action that is also the family of longer ones ("shift.demand", "shift.demand.generate")
    // keeps its own label under "_".
    const key = `audit.actions.${action}`;
    if (i18n.exists(`${key}._`)) return t(`${key}._` as "audit.actions.auth.login");
    return i18n.exists(key) ? t(key as "audit.actions.auth.login") : action;
  };
}

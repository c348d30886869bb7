import i18next from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { en } from "./en";
import { zh } from "./zh";

export type Lang = "zh" | "en";

const STORAGE_KEY = "shequ.lang";

/** Chinese first: English only when the user picked it on this device. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function initI18n(): void {
  void i18next.use(initReactI18next).init({
    resources: { zh: { translation: zh }, en: { translation: en } },
    lng: storedLang(),
    fallbackLng: "zh",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = storedLang() === "en" ? "en" : "zh-CN";
}

/** Switches the language and remembers it on this device. */
export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the switch still applies to this tab
  }
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  void i18next.changeLanguage(lang);
}

/** The current language, for picking `{ zh, en }` labels from core. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "zh";
}

/** Picks the label for the language from core's `{ zh, en }` pairs. */
export function pickLabel(label: { zh: string; en: string } | undefined, lang: Lang, fallback = ""): string {
  return label ? label[lang] : fallback;
}

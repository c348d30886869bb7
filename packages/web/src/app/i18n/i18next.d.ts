import type { zh } from "./zh";

// Keys are checked at compile time against the Chinese resources, the source of truth.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof zh };
  }
}

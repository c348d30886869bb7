import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * JSON logs. Only ids go in: never a resident's name, ID number or phone. The redact list is a
 * safety net for fields that should never have been logged in the first place.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ["*.password", "*.idNumber", "*.phone", "*.name", "password", "idNumber", "phone"],
      censor: "[redacted]",
    },
  });
}

import type { zhLookup } from "./zh-lookup";

/** English texts of the residents' own result lookup; typed by the Chinese ones. */
export const enLookup: typeof zhLookup = {
  title: "Look up your test result",
  intro: "Enter your ID number and the six-digit lookup code under your QR code on the notice slip.",
  idNumber: "ID number (or other document number)",
  idRequired: "Enter your document number",
  code: "Lookup code (6 digits)",
  codeRequired: "Enter the 6-digit code from your notice slip",
  codeFormat: "The lookup code is 6 digits",
  submit: "Look up",
  notFound: "The ID number and code do not match. Check the digits under your own QR code on the slip.",
  tooMany: "Too many lookups: try again in {{minutes}} minutes",
  busy: "Many people are looking up results: try again in a moment",
  none: "No testing round found for you",
  sampledAt: "Sampled at {{time}}",
  linkFromLogin: "Residents: look up your own result",
  back: "Back",
  state: {
    not_sampled: "Not sampled yet",
    awaiting: "Sampled, result pending",
    negative: "Negative",
    recalled: "Re-test needed: stay home, the community will contact you for a new sample",
    recall_awaiting: "Re-sampled, result pending",
    recall_negative: "Re-test negative",
    positive: "Positive: stay home and follow the community's and the CDC's instructions",
  },
  privacy: "The lookup shows only your own result. Do not share your code.",
};

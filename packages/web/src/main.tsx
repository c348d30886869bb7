import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppProviders } from "./app/app-providers";
import "./app/global.css";
import { initI18n } from "./app/i18n/setup-i18n";

initI18n();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <AppProviders />
  </StrictMode>,
);

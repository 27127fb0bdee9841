import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

export const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/console/", import.meta.url));

const VIEWPORTS = [
  { name: "laptop", width: 1366, height: 860 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Applies a theme the way the console's toggle does: on <html>, remembered in localStorage. */
export async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
    localStorage.setItem("skein-theme", t);
  }, theme);
}

/**
 * Saves `<name>-<theme>-<viewport>.png` for light and dark, laptop and phone widths, then restores the laptop
 * viewport and the light theme.
 */
export async function capture(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      // Sticky elements are drawn where the current scroll puts them, so capture from the top.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${ARTIFACTS}${name}-${theme}-${viewport.name}.png`, fullPage: true });
    }
  }
  await setTheme(page, "light");
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
}

/** The light/dark theme: stored in localStorage, applied as `<html data-theme>`. */

export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "skein-theme";

/** Runs before first paint (inlined in the document head) so a dark theme never flashes light. */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t!=="light"&&t!=="dark"){t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.dataset.theme=t}catch(e){}})();`;

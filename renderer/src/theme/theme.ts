// Light, dark, or whatever the OS says. The tokens (tokens.css) hold both values; the choice only
// sets `color-scheme` through html[data-theme], so following the OS needs no listener at all.
import { useCallback, useState } from 'react';
import { readPreference, writePreference } from '../lib/preferences.js';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const KEY = 'theme';

export function parseThemeChoice(raw: string): ThemeChoice | null {
  return (themeChoices as readonly string[]).includes(raw) ? (raw as ThemeChoice) : null;
}

export function savedTheme(): ThemeChoice {
  return readPreference(KEY, parseThemeChoice) ?? 'system';
}

/** `system` leaves color-scheme to tokens.css (light dark: the OS picks); the others pin it. */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(savedTheme);
  const choose = useCallback((next: ThemeChoice) => {
    applyTheme(document.documentElement, next);
    writePreference(KEY, next === 'system' ? null : next);
    setChoice(next);
  }, []);
  return [choice, choose];
}

import { useTheme, type ThemeChoice } from './theme.js';
import './theme-toggle.css';

const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

export function ThemeToggle() {
  const [choice, choose] = useTheme();
  return (
    <select
      className="theme-toggle"
      value={choice}
      onChange={(event) => choose(event.target.value as ThemeChoice)}
      aria-label="Theme"
      title="Follow the system's light or dark mode, or pin one"
      data-testid="theme-toggle"
    >
      {(Object.keys(LABEL) as ThemeChoice[]).map((id) => (
        <option key={id} value={id}>
          {LABEL[id]}
        </option>
      ))}
    </select>
  );
}

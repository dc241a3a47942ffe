// Team mode's face to the rest of the core (docs/team.md).
export { TeamNode, type TeamOptions } from './team-node.js';
export { TEAM_CONFIG_FILE, teamOptionsFrom } from './team-config.js';

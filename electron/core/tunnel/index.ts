// The supervised localtunnel: see tunnel-supervisor.ts for how it is watched, tunnel-limits.ts for
// what breaks webhooks through a public tunnel server.
export {
  TunnelSupervisor,
  DEFAULT_SELF_CHECK_PATH_PREFIX,
  type TunnelOptions,
  type TunnelStatusListener,
  type SelfCheckAnswer,
} from './tunnel-supervisor.js';
export {
  DEFAULT_TUNNEL_HOST,
  isValidSubdomain,
  subdomainProblem,
  tunnelHints,
  type TunnelErrorCode,
  type TunnelState,
  type TunnelStatus,
  type BackoffOptions,
} from './tunnel-policy.js';
export { createTunnelFetch, defaultTunnelFetch, type TunnelFetch, type TunnelFetchOptions, type TunnelFetchInit, type TunnelFetchResponse } from './tunnel-fetch.js';
export { describeTunnelLimits, TUNNEL_LIMITS, type TunnelLimit } from './tunnel-limits.js';

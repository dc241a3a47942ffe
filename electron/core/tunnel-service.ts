// The public URL: a second capture listener, on an ephemeral loopback port, that only the tunnel
// client connects to. Its deliveries are marked viaTunnel (tunnel traffic arrives from 127.0.0.1
// like any local request, so the remote address proves nothing; the port it arrived on does).
import type { TunnelStatus } from '../contract/index.js';
import type { DeliveryIntake } from './capture/delivery-pipeline.js';
import { startCaptureListener, type CaptureLimits, type CaptureListener, type CaptureListenerOptions } from './capture/listener.js';
import type { CoreEvents } from './events/core-events.js';
import { DEFAULT_TUNNEL_HOST, TunnelSupervisor, type TunnelOptions } from './tunnel/index.js';

/** Tunnel connections sit idle between deliveries; closing them every few seconds only adds churn. */
const TUNNEL_IDLE_TIMEOUT_MS = 60_000;

/**
 * The tunnel's listener: the capture listener's own code and limits (header deadline, the cut
 * after a malformed or timed-out request), only a longer idle time between deliveries.
 */
export function tunnelIngressOptions(limits: CaptureLimits, now?: () => number): CaptureListenerOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    limits: { ...limits, idleTimeoutMs: Math.max(limits.idleTimeoutMs, TUNNEL_IDLE_TIMEOUT_MS) },
    viaTunnel: true,
    now,
  };
}

export interface TunnelServiceDeps {
  limits: CaptureLimits;
  /** The delivery pipeline: tunnelled deliveries take the same path as captured ones. */
  intake: DeliveryIntake;
  events: CoreEvents;
  now: () => number;
  /** Supervisor tuning (tests shorten the self-check and backoff). */
  tunnelOptions?: Partial<Omit<TunnelOptions, 'localPort' | 'host' | 'subdomain'>>;
}

export class TunnelService {
  private readonly supervisor: TunnelSupervisor;
  private listener: CaptureListener | null = null;

  constructor(private readonly deps: TunnelServiceDeps) {
    this.supervisor = new TunnelSupervisor({ now: deps.now });
    this.supervisor.on('status', (status) => deps.events.emit('tunnel.changed', status));
  }

  status(): TunnelStatus {
    return this.supervisor.status();
  }

  /** The tunnel's public URL while it is usable (connected or briefly reconnecting), else null. */
  publicUrl(): string | null {
    const { state, url } = this.supervisor.status();
    return state === 'connected' || state === 'reconnecting' ? url : null;
  }

  /** Resolves connected, or down with lastError; never hangs (the supervisor bounds the open). */
  async start(host: string | null, subdomain: string | null): Promise<TunnelStatus> {
    const listener = await this.ingress();
    return this.supervisor.start({
      ...this.deps.tunnelOptions,
      host: host ?? DEFAULT_TUNNEL_HOST,
      ...(subdomain ? { subdomain } : {}),
      localPort: listener.port,
    });
  }

  async stop(): Promise<TunnelStatus> {
    await this.supervisor.stop();
    return this.supervisor.status();
  }

  async close(): Promise<void> {
    await this.supervisor.stop();
    await this.listener?.close();
    this.listener = null;
  }

  private async ingress(): Promise<CaptureListener> {
    const intercept: CaptureListenerOptions['intercept'] = (req, res) => {
      const answer = this.supervisor.selfCheckResponse(req.method, req.url);
      if (!answer) return false;
      res.writeHead(answer.status, answer.headers.flat());
      res.end(answer.body);
      return true;
    };
    this.listener ??= await startCaptureListener({ ...tunnelIngressOptions(this.deps.limits, this.deps.now), intercept }, this.deps.intake);
    return this.listener;
  }
}

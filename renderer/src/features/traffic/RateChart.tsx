import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EndpointTraffic, StatusClass } from '../../../../electron/contract/index.js';
import { stackTraffic } from './chart-data.js';
import './traffic.css';

const HEIGHT = 96;

/** The tokens hold light-dark() pairs a canvas cannot read: a probe element resolves them for the theme in force. */
function resolveColours(host: HTMLElement): (token: string) => string {
  const probe = document.createElement('span');
  probe.hidden = true;
  host.appendChild(probe);
  const cache = new Map<string, string>();
  const resolve = (token: string) => {
    if (!cache.has(token)) {
      probe.style.color = `var(${token})`;
      cache.set(token, getComputedStyle(probe).color);
    }
    return cache.get(token)!;
  };
  // Resolve everything now, then drop the probe.
  ['--chart-2xx', '--chart-3xx', '--chart-4xx', '--chart-5xx', '--chart-rejected', '--chart-grid', '--muted'].forEach(resolve);
  probe.remove();
  return resolve;
}

const TOKEN: Record<StatusClass, string> = {
  '2xx': '--chart-2xx',
  '3xx': '--chart-3xx',
  '4xx': '--chart-4xx',
  '5xx': '--chart-5xx',
  other: '--chart-rejected',
  rejected: '--chart-rejected',
};

/** Redraws when the theme changes: the toggle (html[data-theme]) or the OS. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      media.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}

/** Stacked bars: deliveries per bucket, coloured by how they were answered. */
export function RateChart({ traffic }: { traffic: EndpointTraffic }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const themeVersion = useThemeVersion();
  const stacked = stackTraffic(traffic);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const colour = resolveColours(element);
    const bars = uPlot.paths.bars!({ size: [0.8, 24] });
    const options: uPlot.Options = {
      width: Math.max(120, element.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: colour('--muted'), grid: { show: false }, ticks: { show: false }, size: 22 },
        { stroke: colour('--muted'), grid: { stroke: colour('--chart-grid'), width: 1 }, ticks: { show: false }, size: 32, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000] },
      ],
      series: [{}, ...stacked.series.map(({ kind }) => ({ label: kind, fill: colour(TOKEN[kind]), stroke: colour(TOKEN[kind]), width: 0, paths: bars, points: { show: false } }))],
    };
    const chart = new uPlot(options, [stacked.x, ...stacked.series.map((s) => s.heights)], element);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(120, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // A new chart per theme and per range (series and scales differ); new counts only update the data.
  }, [themeVersion, traffic.range]);

  useEffect(() => {
    plot.current?.setData([stacked.x, ...stacked.series.map((s) => s.heights)]);
  });

  return <div ref={host} className="rate-chart" data-testid="rate-chart" data-drawn={stacked.total} data-buckets={stacked.x.length} />;
}

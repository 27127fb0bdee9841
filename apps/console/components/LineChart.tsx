"use client";
import { useEffect, useRef, useState } from "react";
import { formatClock } from "@/lib/format";

export interface ChartSeries {
  label: string;
  /** A CSS colour, e.g. "var(--chart-1)". */
  color: string;
  points: { x: number; y: number }[];
}

const PAD = { top: 10, right: 12, bottom: 20, left: 48 };

/** Rounds a maximum up to 1, 2 or 5 × 10ⁿ so grid lines fall on readable values. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** A small time-series chart in SVG: lines with a soft area fill, a y grid, and values under the pointer. */
export function LineChart({ series, height = 180, formatY = String, label }: { series: ChartSeries[]; height?: number; formatY?: (n: number) => string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [hover, setHover] = useState<number | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const all = series.flatMap((s) => s.points);
  const xMin = Math.min(...all.map((p) => p.x));
  const xMax = Math.max(...all.map((p) => p.x));
  const yMax = niceMax(Math.max(0, ...all.map((p) => p.y)));
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (xMax === xMin ? plotW : ((x - xMin) / (xMax - xMin)) * plotW);
  const sy = (y: number) => PAD.top + plotH - (y / yMax) * plotH;
  const grid = [0, 0.5, 1].map((f) => f * yMax);

  const hoverX = hover === null ? null : xMin + ((hover - PAD.left) / plotW) * (xMax - xMin);
  const nearest = (points: ChartSeries["points"]) =>
    hoverX === null || points.length === 0 ? null : points.reduce((best, p) => (Math.abs(p.x - hoverX) < Math.abs(best.x - hoverX) ? p : best));
  const hoverPoint = series.length ? nearest(series[0].points) : null;

  return (
    <div ref={box}>
      <svg
        className="chart"
        width={width}
        height={height}
        role="img"
        aria-label={label}
        onMouseMove={(e) => {
          const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
          setHover(x >= PAD.left && x <= width - PAD.right ? x : null);
        }}
        onMouseLeave={() => setHover(null)}
      >
        {grid.map((g) => (
          <g key={g}>
            <line className="grid-line" x1={PAD.left} x2={width - PAD.right} y1={sy(g)} y2={sy(g)} />
            <text className="axis-label" x={PAD.left - 6} y={sy(g) + 3} textAnchor="end">
              {formatY(g)}
            </text>
          </g>
        ))}
        {all.length > 0 && (
          <>
            <text className="axis-label" x={PAD.left} y={height - 4}>
              {formatClock(xMin)}
            </text>
            <text className="axis-label" x={width - PAD.right} y={height - 4} textAnchor="end">
              {formatClock(xMax)}
            </text>
          </>
        )}
        {series.map((s) => {
          if (s.points.length === 0) return null;
          const line = s.points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join("");
          const area = `${line}L${sx(s.points[s.points.length - 1].x).toFixed(1)},${sy(0)}L${sx(s.points[0].x).toFixed(1)},${sy(0)}Z`;
          return (
            <g key={s.label}>
              <path d={area} fill={s.color} opacity={0.12} />
              <path d={line} fill="none" stroke={s.color} strokeWidth={1.6} strokeLinejoin="round" />
              {s.points.length === 1 && <circle cx={sx(s.points[0].x)} cy={sy(s.points[0].y)} r={3} fill={s.color} />}
            </g>
          );
        })}
        {hoverPoint && (
          <g>
            <line className="grid-line" x1={sx(hoverPoint.x)} x2={sx(hoverPoint.x)} y1={PAD.top} y2={PAD.top + plotH} />
            {series.map((s) => {
              const p = nearest(s.points);
              return p ? <circle key={s.label} cx={sx(p.x)} cy={sy(p.y)} r={3} fill={s.color} /> : null;
            })}
          </g>
        )}
      </svg>
      <div className="chart-legend">
        {hoverPoint && <span className="faint" style={{ ["--swatch" as string]: "transparent" }}>{formatClock(hoverPoint.x)}</span>}
        {series.map((s) => {
          const p = hoverPoint ? nearest(s.points) : s.points[s.points.length - 1];
          return (
            <span key={s.label} style={{ ["--swatch" as string]: s.color }}>
              {s.label}: <strong>{p ? formatY(p.y) : "—"}</strong>
            </span>
          );
        })}
      </div>
    </div>
  );
}

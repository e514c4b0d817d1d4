/**
 * Rate bars per candidate (Chart.js, drawn on a canvas in the page: no network, no images fetched).
 * The same drawing, at a fixed size, becomes the PNG placed in the Excel summary. Chart.js is loaded
 * the first time a chart is drawn (a chunk of the app itself), so it does not delay the first screen.
 */
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import type { BallotForm } from '../../../../shared/domain/forms';
import type { TallyResult } from '../../../../shared/domain/tally';
import { zh } from '../../../../shared/messages/zh-CN';

let chartModule: Promise<typeof ChartType> | null = null;

function loadChart(): Promise<typeof ChartType> {
  chartModule ??= import('chart.js').then(({ BarController, BarElement, CategoryScale, Chart, Legend, LinearScale }) => {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);
    Chart.defaults.font.family = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
    return Chart;
  });
  return chartModule;
}

const COLOURS = ['#a61b1b', '#1a56db', '#1e6b36', '#8a5a00', '#6b21a8', '#0f766e', '#9d174d', '#334155'];

/** One bar per candidate and rate, in percent; a bar whose rate raised a flag has a dark outline. */
export function rateChartConfig(form: BallotForm, result: TallyResult, options: { animate: boolean }): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: result.candidates.map((c) => c.name),
      datasets: form.rates.map((rule, i) => ({
        label: rule.name,
        data: result.candidates.map((c) => {
          const rate = c.rates.find((r) => r.ruleId === rule.id);
          return rate?.value === null || rate?.value === undefined ? 0 : Math.round(rate.value * 10000) / 100;
        }),
        backgroundColor: COLOURS[i % COLOURS.length],
        borderColor: result.candidates.map((c) => (c.flags.some((f) => f.rate === rule.name) ? '#000000' : 'rgba(0,0,0,0)')),
        borderWidth: 2,
      })),
    },
    options: {
      responsive: false,
      animation: options.animate ? undefined : false,
      plugins: { legend: { position: 'bottom' }, title: { display: false } },
      scales: { y: { min: 0, max: 100, title: { display: true, text: zh.ui.results.chartAxis } } },
    },
  };
}

/** On screen, in the order the table beside it shows (按得票 or the list's); the export's PNG keeps the list's. */
export function RateChart({ form, result: listed, order }: { form: BallotForm; result: TallyResult; order: readonly number[] }) {
  const result = useMemo(() => ({ ...listed, candidates: order.map((i) => listed.candidates[i]!) }), [listed, order]);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const target = canvas.current;
    if (!target || form.rates.length === 0) return undefined;
    let chart: ChartType<'bar'> | null = null;
    let gone = false;
    void loadChart().then((Chart) => {
      if (!gone) chart = new Chart(target, rateChartConfig(form, result, { animate: false }));
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [form, result]);
  if (form.rates.length === 0) return null;
  // Drawn at a width that gives each candidate room, shown no wider than the page (styles.css .rate-chart).
  return <canvas ref={canvas} className="rate-chart" width={Math.max(480, 90 * result.candidates.length)} height={280} data-testid="rate-chart" aria-label={zh.ui.results.chartTitle} role="img" />;
}

/** The chart as a PNG (base64, without the data: prefix), drawn off screen at print size. */
export async function rateChartPng(form: BallotForm, result: TallyResult): Promise<string | null> {
  if (form.rates.length === 0 || result.candidates.length === 0) return null;
  const Chart = await loadChart();
  const canvas = document.createElement('canvas');
  canvas.width = Math.min(1800, Math.max(900, 120 * result.candidates.length));
  canvas.height = 480;
  const config = rateChartConfig(form, result, { animate: false });
  config.options = { ...config.options, devicePixelRatio: 1 };
  const chart = new Chart(canvas, config);
  const png = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  chart.destroy();
  return png;
}

/**
 * The chart toolkit, for other report-like outputs (the sweep): build charts as SVG strings with d3
 * and no DOM, in the report's look. A sweep chart is typically
 *
 *   lineChart({ name, title, empty, x: { label: 'volumes', scale: 'log' }, y: { label: 'p99 heal latency (s)' },
 *     series: modes.map((m) => ({ label: m, style: MODE_STYLE[m], points, band, markers: 'all' })) })
 */
export { esc, el, group, num, svgDocument, text, type Attrs } from './svg.js';
export { htmlPage } from './page.js';
export { FONT_FAMILY, FONT_SIZE, INK, MUTED, GRID, AXIS, FAILURE, MODE_LABEL, MODE_STYLE, PALETTE, marker, labelOfMode, styleOfMode, modeSwatch, type MarkerShape, type SeriesStyle } from './theme.js';
export { heatmap, type HeatmapSpec, type HeatPanel } from './heatmap.js';
export { makeScale, xAxis, yAxis, type AxisOptions, type NumericScale, type ScaleKind } from './axes.js';
export { legend, textWidth, type LegendItem } from './legend.js';
export { CHART_WIDTH, chartFrame, emptyChart, type Box, type ChartFrameOptions, type Panel } from './frame.js';
export { lineChart, linePanel, seriesLegend, axisDomain, hasPoints, type LineChartSpec, type LineSeries, type PlotSpec, type PlotAxis, type Point, type BandPoint, type Rule, type Guide } from './line-chart.js';
export { barChart, barFill, type BarChartSpec, type BarGroup } from './bar-chart.js';
export { formatBytes, formatCount, formatDuration, formatFixed, formatRatio, bytesUnit, timeUnit, naturalCompare } from './format.js';
export { renderReport } from './report.js';
export { CHARTS, renderCharts, type ChartDef, type RenderedChart } from './charts/index.js';
export { spreadScale, logFloor } from './charts/common.js';

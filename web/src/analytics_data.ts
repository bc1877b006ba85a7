// The analyst's dashboards (GET /api/v1/analytics, docs/ANALYTICS.md): the report's shape
// and what a chart draws from a table, kept apart from the page so that Node tests it.
import type { Localized } from './types';

export type ColumnType = 'office' | 'region' | 'process' | 'label' | 'month' | 'count' | 'money' | 'minutes';
export type Cell = string | number | null;

export interface AnalyticsTable {
  id: string;
  columns: { id: string; type: ColumnType }[];
  // The columns naming a row (joined into the bar's label) and those drawn as bars.
  chart: { label: string[]; series: string[] };
  rows: Cell[][];
}

export interface AnalyticsReport {
  from: string;
  to: string;
  offices: string[];
  process: string | null;
  extracted_at: string;
  office_names: Record<string, Localized>;
  region_names: Record<string, Localized>;
  tables: AnalyticsTable[];
}

export interface ChartSeries {
  column: string;
  type: ColumnType;
  // Null where the figure is not shown: the bar is left out, not drawn as zero.
  values: (number | null)[];
}

export const LABEL_JOINER = ' · ';

// The bars' labels (a row's label columns in words, joined) and one series per chart column.
// A label column with the same value in every row (the one office, the one programme) is left
// out of the labels while another one tells the rows apart: the table under the chart has it.
export function chartData(table: AnalyticsTable, text: (type: ColumnType, column: string, value: Cell, row: Cell[]) => string): { labels: string[]; series: ChartSeries[] } {
  const index = (id: string) => {
    const i = table.columns.findIndex((c) => c.id === id);
    if (i < 0) throw new Error(`analytics table ${table.id} has no column ${id}`);
    return i;
  };
  const named = table.chart.label.map(index);
  const varying = named.filter((i) => table.rows.some((row) => row[i] !== table.rows[0][i]));
  const labelColumns = varying.length ? varying : named;
  const labels = table.rows.map((row) => labelColumns.map((i) => text(table.columns[i].type, table.columns[i].id, row[i], row)).join(LABEL_JOINER));
  const series = table.chart.series.map((id) => {
    const i = index(id);
    return { column: id, type: table.columns[i].type, values: table.rows.map((row) => (typeof row[i] === 'number' ? row[i] : null)) };
  });
  return { labels, series };
}

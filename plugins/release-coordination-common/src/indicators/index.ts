export type { IndicatorReport, ReportIndicatorsRequest } from './types';

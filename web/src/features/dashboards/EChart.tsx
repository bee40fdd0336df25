import { init } from 'echarts/core';
import type { EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { useLocale } from '../../i18n/locale-context';
import type { ChartOption } from './echarts';

interface Props {
  readonly option: ChartOption;
  /** Fixed, so the card does not move when the chart arrives. */
  readonly height: number;
  /** What the chart shows, for screen readers (the figures are in the table). */
  readonly label: string;
}

/**
 * One ECharts instance: created with the UI language (tooltips, number texts), resized
 * with its box, disposed on unmount or language change, fed the option on every change.
 */
export function EChart({ option, height, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const { locale } = useLocale();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option, locale]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid="echart"
      style={{ height, width: '100%' }}
    />
  );
}

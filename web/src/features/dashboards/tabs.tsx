import type { ReactNode } from 'react';
import { AgingCard } from './charts/AgingCard';
import { DsoCard, LeadToCashCard } from './charts/CashCycleCards';
import { ChangesCard } from './charts/ChangesCard';
import { CollectionsCard } from './charts/CollectionsCard';
import { ConversionCard, DwellCard } from './charts/ConversionCards';
import { ForecastCard } from './charts/ForecastCard';
import { FunnelCard } from './charts/FunnelCard';
import { LossCard } from './charts/LossCard';
import { PyramidCard, ProductsCard } from './charts/MixCards';
import { OutcomesCard } from './charts/OutcomesCard';
import { PatternsCard } from './charts/PatternsCard';
import { PeopleCard } from './charts/PeopleCard';
import { ReverseFunnelCard, TargetsCard } from './charts/TargetsCards';
import { TrendCard } from './charts/TrendCard';
import { WinModelCard } from './charts/WinModelCard';

export type TabKey = 'pipeline' | 'conversion' | 'outcomes' | 'people' | 'forecast' | 'receivables';

/** The dashboard tabs in order (the URL segment is the key) and the charts on each. */
export const TABS: readonly { readonly key: TabKey; readonly content: () => ReactNode }[] = [
  {
    key: 'pipeline',
    content: () => (
      <>
        <FunnelCard />
        <ChangesCard />
        <TrendCard />
        <PyramidCard />
        <ProductsCard />
      </>
    ),
  },
  {
    key: 'conversion',
    content: () => (
      <>
        <ConversionCard />
        <DwellCard />
      </>
    ),
  },
  {
    key: 'outcomes',
    content: () => (
      <>
        <OutcomesCard />
        <LossCard />
        <PatternsCard />
      </>
    ),
  },
  { key: 'people', content: () => <PeopleCard /> },
  {
    key: 'forecast',
    content: () => (
      <>
        <ForecastCard />
        <TargetsCard />
        <ReverseFunnelCard />
        <WinModelCard />
      </>
    ),
  },
  {
    key: 'receivables',
    content: () => (
      <>
        <AgingCard />
        <CollectionsCard />
        <DsoCard />
        <LeadToCashCard />
      </>
    ),
  },
];

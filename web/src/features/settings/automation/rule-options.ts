import { api } from '../../../api/client';
import { useApiQuery } from '../../../api/query';
import { useLocalName } from '../../../i18n/locale-context';
import { useTeamOptions, useUserOptions } from '../options';
import type { Option } from '../options';

/** What the condition and action inputs pick from, loaded once for the whole editor. */
export interface RuleOptions {
  readonly pipelines: readonly Option[];
  readonly stages: readonly Option[];
  readonly teams: readonly Option[];
  readonly users: readonly Option[];
  /** Webhooks (for `webhook`) and group bots (for `bot_message`). */
  readonly webhooks: readonly Option[];
  readonly bots: readonly Option[];
}

export function useRuleOptions(): RuleOptions {
  const localName = useLocalName();
  const pipelines = useApiQuery(['pipelines'], () => api.GET('/api/v1/pipelines'));
  const endpoints = useApiQuery(['delivery-endpoints'], () =>
    api.GET('/api/v1/delivery-endpoints'),
  );
  const teams = useTeamOptions();
  const users = useUserOptions();
  const items = pipelines.data?.items ?? [];
  const list = endpoints.data ?? [];
  return {
    pipelines: items.map((pipeline) => ({ value: pipeline.id, label: localName(pipeline) })),
    stages: items.flatMap((pipeline) =>
      pipeline.stages.map((stage) => ({
        value: stage.id,
        label: `${localName(pipeline)} · ${localName(stage)}`,
      })),
    ),
    teams,
    users,
    webhooks: list
      .filter((endpoint) => endpoint.channel === 'webhook')
      .map((endpoint) => ({ value: endpoint.id, label: endpoint.name })),
    bots: list
      .filter((endpoint) => endpoint.channel !== 'webhook')
      .map((endpoint) => ({ value: endpoint.id, label: `${endpoint.name} (${endpoint.channel})` })),
  };
}

/** The label of an id among options, else the id itself (a deleted or unseen record). */
export function labelOf(options: readonly Option[], id: string): string {
  return options.find((option) => option.value === id)?.label ?? id;
}

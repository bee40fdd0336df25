import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** The tenant's teams as select options (the first 200, by name). */
export function useTeamOptions(): Option[] {
  const teams = useApiQuery(['teams', 'options'], () =>
    api.GET('/api/v1/teams', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  return (teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }));
}

/** The tenant's active users as select options (the first 200, by name). */
export function useUserOptions(): Option[] {
  const users = useApiQuery(['users', 'options'], () =>
    api.GET('/api/v1/users', { params: { query: { limit: 200, sort: 'name', status: 'active' } } }),
  );
  return (users.data?.items ?? []).map((user) => ({
    value: user.id,
    label: `${user.name} <${user.email}>`,
  }));
}

import type { Team } from '../domain/tenancy/team.js';
import type { Role, User } from '../domain/tenancy/user.js';
import type { Random } from './random.js';
import { givenNames, surnames } from './names.js';
import { idAt } from './ids.js';

export interface DemoOrganisation {
  readonly teams: Team[];
  readonly users: User[];
  /** Reps (and their manager) per regional team, for assigning accounts and deals. */
  readonly sellers: { readonly teamKey: 'east' | 'north' | 'south'; readonly userIds: string[] }[];
}

const regionalTeams = [
  { key: 'east', name: '华东销售团队' },
  { key: 'north', name: '华北销售团队' },
  { key: 'south', name: '华南销售团队' },
] as const;

export function personName(random: Random): string {
  return random.pick(surnames) + random.pick(givenNames);
}

/**
 * A sales department with three regional teams: a director over the department, a manager
 * and four reps per team, and one lead-operations specialist. E-mails are predictable
 * (`rep1.east@…`) so a demo visitor can sign in as anyone with the demo password.
 */
export function generateOrganisation(
  random: Random,
  domain: string,
  createdAtMs: number,
): DemoOrganisation {
  const createdAt = new Date(createdAtMs).toISOString();
  const user = (email: string, role: Role, teamId: string | null): User => ({
    id: idAt(random, createdAtMs),
    email: `${email}@${domain}`,
    name: personName(random),
    role,
    teamId,
    locale: 'zh-CN',
    status: 'active',
    grants: [],
    capacity: null,
    awayUntil: null,
    languages: [],
    lastAssignedAt: null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  });
  const team = (name: string, parentId: string | null, managerId: string | null): Team => ({
    id: idAt(random, createdAtMs),
    name,
    parentId,
    managerId,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  });

  const department = team('销售部', null, null);
  const director = user('director', 'manager', department.id);
  const teams: Team[] = [{ ...department, managerId: director.id }];
  const users: User[] = [director, user('leadops', 'lead_ops', department.id)];
  const sellers: DemoOrganisation['sellers'] = [];
  for (const { key, name } of regionalTeams) {
    const regional = team(name, department.id, null);
    const manager = user(`manager.${key}`, 'manager', regional.id);
    const reps = [1, 2, 3, 4].map((n) => user(`rep${n}.${key}`, 'rep', regional.id));
    teams.push({ ...regional, managerId: manager.id });
    users.push(manager, ...reps);
    sellers.push({ teamKey: key, userIds: [manager.id, ...reps.map((rep) => rep.id)] });
  }
  return { teams, users, sellers };
}

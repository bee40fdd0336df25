import { describe, expect, it } from 'vitest';
import { wouldCreateCycle } from '../domain/tree.js';
import { generateOrganisation, personName } from './organisation.js';
import { Random } from './random.js';

const DOMAIN = 'demo.pipewright.dev';
const CREATED_MS = Date.parse('2024-09-08T00:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const organisation = (seed: number) => generateOrganisation(new Random(seed), DOMAIN, CREATED_MS);

/** The millisecond timestamp a UUIDv7 carries in its first 48 bits. */
const uuidMs = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('generateOrganisation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(organisation(1)).toEqual(organisation(1));
    const a = organisation(1);
    const b = organisation(2);
    expect(b.users.map((u) => u.id)).not.toEqual(a.users.map((u) => u.id));
    expect(b.teams.map((t) => t.id)).not.toEqual(a.teams.map((t) => t.id));
  });

  it('builds the department, three regional teams and their people', () => {
    const org = organisation(7);
    expect(org.teams.map((t) => t.name)).toEqual([
      '销售部',
      '华东销售团队',
      '华北销售团队',
      '华南销售团队',
    ]);
    // e-mails are predictable so a demo visitor can sign in as anyone
    expect(org.users.map((u) => [u.email, u.role])).toEqual([
      [`director@${DOMAIN}`, 'manager'],
      [`leadops@${DOMAIN}`, 'lead_ops'],
      ...['east', 'north', 'south'].flatMap((key) => [
        [`manager.${key}@${DOMAIN}`, 'manager'],
        ...[1, 2, 3, 4].map((n) => [`rep${n}.${key}@${DOMAIN}`, 'rep']),
      ]),
    ]);
    expect(org.sellers.map((s) => s.teamKey)).toEqual(['east', 'north', 'south']);
  });

  it('links teams, managers and users consistently', () => {
    const org = organisation(7);
    const teams = new Map(org.teams.map((t) => [t.id, t]));
    const users = new Map(org.users.map((u) => [u.id, u]));
    const [department, ...regional] = org.teams;
    expect(department?.parentId).toBeNull();
    expect(users.get(department?.managerId ?? '')?.email).toBe(`director@${DOMAIN}`);
    for (const team of regional) {
      expect(team.parentId).toBe(department?.id);
      const manager = users.get(team.managerId ?? '');
      expect(manager?.role).toBe('manager');
      // a team's manager is a member of that team
      expect(manager?.teamId).toBe(team.id);
    }
    for (const user of org.users) expect(teams.has(user.teamId ?? '')).toBe(true);
    const parentOf = new Map(org.teams.map((t) => [t.id, t.parentId]));
    for (const team of org.teams) {
      expect(wouldCreateCycle(team.id, team.parentId, parentOf)).toBe(false);
    }
  });

  it('lists each regional team’s manager and reps as its sellers', () => {
    const org = organisation(7);
    const users = new Map(org.users.map((u) => [u.id, u]));
    org.sellers.forEach((seller, index) => {
      const team = org.teams[index + 1];
      expect(seller.userIds).toHaveLength(5);
      const members = seller.userIds.map((id) => users.get(id));
      expect(members.map((u) => u?.teamId)).toEqual(Array<string | undefined>(5).fill(team?.id));
      expect(members.map((u) => u?.role)).toEqual(['manager', 'rep', 'rep', 'rep', 'rep']);
      expect(seller.userIds[0]).toBe(team?.managerId);
    });
  });

  it('gives every record a unique, time-ordered id at the creation instant', () => {
    const org = organisation(7);
    const ids = [...org.teams, ...org.users].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(uuidMs(id)).toBe(CREATED_MS);
    }
    const createdAt = new Date(CREATED_MS).toISOString();
    for (const record of [...org.teams, ...org.users]) {
      expect([record.createdAt, record.updatedAt, record.version]).toEqual([
        createdAt,
        createdAt,
        1,
      ]);
    }
    for (const user of org.users) {
      expect([user.locale, user.status]).toEqual(['zh-CN', 'active']);
      expect(user.name.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('personName', () => {
  it('is a Chinese surname plus given name, reproducible by seed', () => {
    const names = Array.from({ length: 50 }, (_, i) => personName(new Random(i)));
    expect(names).toEqual(Array.from({ length: 50 }, (_, i) => personName(new Random(i))));
    for (const name of names) expect(name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(new Set(names).size).toBeGreaterThan(25);
  });
});

import { describe, expect, it } from 'vitest';
import { withinTransferScope } from './scope.js';

// Team paths run from the rep's own team up to the root (the department).
const eastRep = ['east', 'sales'];
const eastColleague = ['east', 'sales'];
const northRep = ['north', 'sales'];
const supportRep = ['support'];
const noTeam: string[] = [];

describe('withinTransferScope', () => {
  it.each<[string, 'team' | 'department' | 'company', string[], string[], boolean]>([
    ['team: same team', 'team', eastRep, eastColleague, true],
    ['team: sister team', 'team', eastRep, northRep, false],
    ['team: a rep without a team matches nobody', 'team', noTeam, noTeam, false],
    ['department: sister team under the same root', 'department', eastRep, northRep, true],
    ['department: another department', 'department', eastRep, supportRep, false],
    ['department: the root team itself', 'department', ['sales'], northRep, true],
    ['department: without a team', 'department', noTeam, eastRep, false],
    ['company: anywhere', 'company', eastRep, supportRep, true],
    ['company: even without a team', 'company', noTeam, noTeam, true],
  ])('%s', (_name, scope, from, to, expected) => {
    expect(withinTransferScope(scope, from, to)).toBe(expected);
  });
});

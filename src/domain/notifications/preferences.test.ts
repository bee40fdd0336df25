import { describe, expect, it } from 'vitest';
import {
  channelsFor,
  defaultPreferences,
  groupOf,
  preferencesWithDefaults,
} from './preferences.js';

describe('notification preferences', () => {
  it('groups the kinds, with approvals and unknown kinds by name', () => {
    expect(groupOf('follow_up_reminder')).toBe('follow_up');
    expect(groupOf('follow_up_due')).toBe('follow_up');
    expect(groupOf('follow_up_escalated')).toBe('escalation');
    expect(groupOf('assigned')).toBe('ownership');
    expect(groupOf('recycled')).toBe('ownership');
    expect(groupOf('approval_requested')).toBe('approval');
    expect(groupOf('automation')).toBe('automation');
    expect(groupOf('something_new')).toBe('automation');
  });

  it('sends nothing but in-app by default', () => {
    expect(channelsFor(defaultPreferences, 'follow_up_escalated')).toEqual([]);
  });

  it('reads the channels of the kind’s group', () => {
    const chosen = preferencesWithDefaults({
      channels: { ...defaultPreferences.channels, escalation: ['email'] },
    });
    expect(channelsFor(chosen, 'follow_up_escalated')).toEqual(['email']);
    expect(channelsFor(chosen, 'follow_up_due')).toEqual([]);
  });

  it('fills groups stored preferences do not know yet', () => {
    const stored = preferencesWithDefaults({
      channels: { follow_up: ['email'] } as never,
    });
    expect(stored.channels.approval).toEqual([]);
    expect(stored.channels.follow_up).toEqual(['email']);
  });
});

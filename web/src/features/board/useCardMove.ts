import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useLocalName, useT } from '../../i18n/locale-context';
import { boardKey } from './board-query';
import type { Board, Card, Column } from './board-query';
import { boardMessages } from './messages';

export type Approval = components['schemas']['Approval'];

/** Why the last move did not happen, shown next to the board until dismissed or retried. */
export interface Refusal {
  readonly card: Card;
  readonly to: Column;
  readonly problem: ApiProblem;
  /** The deal's version as the fixes left it (a PATCH bumps it); the retry sends this one. */
  readonly version: number;
}

export interface CardMove {
  /** Cards with a move in flight, and the stage they are going to. */
  readonly pending: ReadonlyMap<string, string>;
  /** Cards whose move waits for a sign-off (this session's requests). */
  readonly awaiting: ReadonlyMap<string, { readonly approval: Approval; readonly to: Column }>;
  readonly refusal: Refusal | null;
  /** The approval request a move just created, shown until closed. */
  readonly shownApproval: {
    readonly card: Card;
    readonly to: Column;
    readonly approval: Approval;
  } | null;
  readonly closeApproval: () => void;
  readonly move: (
    card: Card,
    to: Column,
    options?: { reason?: string; version?: number },
  ) => Promise<void>;
  /** The fixes changed the deal: later retries send this version. */
  readonly setRefusalVersion: (version: number) => void;
  readonly dismiss: () => void;
  readonly withdrawn: (cardId: string) => void;
}

/**
 * Moving a card is the server's decision: the card stays where it is (marked as moving)
 * until the answer, then moves (200), shows that it awaits approval (202), or stays with
 * the refusal (422 gate_failed lists what is missing). A version conflict reloads the board;
 * a close the server wants reviewed goes to the deal's page, where the close dialog is.
 */
export function useCardMove(pipelineId: string): CardMove {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [awaiting, setAwaiting] = useState<CardMove['awaiting']>(new Map());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [shownApproval, setShownApproval] = useState<CardMove['shownApproval']>(null);

  const reload = useCallback(
    () => queryClient.invalidateQueries({ queryKey: boardKey(pipelineId) }),
    [queryClient, pipelineId],
  );

  const move = useCallback(
    async (card: Card, to: Column, options: { reason?: string; version?: number } = {}) => {
      if (card.stageId === to.stageId) return;
      const version = options.version ?? card.version;
      setPending((current) => new Map(current).set(card.id, to.stageId));
      const names = { deal: card.name, stage: localName(to) };
      try {
        const answer = await unwrap(
          api.POST('/api/v1/opportunities/{id}/move', {
            params: { path: { id: card.id } },
            body: {
              stageId: to.stageId,
              version,
              ...(options.reason ? { reason: options.reason } : {}),
            },
          }),
        );
        setRefusal(null);
        if (answer.status === 'pending_approval') {
          setAwaiting((current) =>
            new Map(current).set(card.id, { approval: answer.approval, to }),
          );
          setShownApproval({ card, to, approval: answer.approval });
          void message.info(t('move.pending', names));
          return;
        }
        // The server said yes: show the card in its new column now, then refetch the totals.
        queryClient.setQueriesData<Board>({ queryKey: boardKey(pipelineId) }, (board) =>
          board
            ? {
                ...board,
                cards: board.cards.map((c) =>
                  c.id === card.id
                    ? { ...c, stageId: to.stageId, version: answer.version, daysInStage: 0 }
                    : c,
                ),
              }
            : board,
        );
        void message.success(t('move.moved', names));
        await Promise.all([
          reload(),
          queryClient.invalidateQueries({ queryKey: ['opportunities'] }),
        ]);
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        if (error.code === 'review_required' && to.kind !== 'open') {
          // The close dialog (with its review form) lives on the deal's page.
          void navigate(`/opportunities/${card.id}?close=${to.kind}`);
        } else if (error.code === 'version_conflict') {
          setRefusal(null);
          void message.warning(t('move.conflict', names));
          await reload();
        } else {
          setRefusal({ card, to, problem: error, version });
        }
      } finally {
        setPending((current) => {
          const next = new Map(current);
          next.delete(card.id);
          return next;
        });
      }
    },
    [localName, message, navigate, pipelineId, queryClient, reload, t],
  );

  return {
    pending,
    awaiting,
    refusal,
    shownApproval,
    closeApproval: () => setShownApproval(null),
    move,
    setRefusalVersion: (version) =>
      setRefusal((current) => (current ? { ...current, version } : current)),
    dismiss: () => setRefusal(null),
    withdrawn: (cardId) => {
      setShownApproval(null);
      setAwaiting((current) => {
        const next = new Map(current);
        next.delete(cardId);
        return next;
      });
    },
  };
}

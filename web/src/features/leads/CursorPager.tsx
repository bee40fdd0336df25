import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/locale-context';
import { leadMessages } from './messages';

export interface CursorPages {
  /** The cursor of the page shown (undefined: the first). */
  readonly cursor: string | undefined;
  readonly number: number;
  readonly next: (cursor: string) => void;
  readonly previous: () => void;
}

/**
 * Keyset paging as the API does it: forward with `nextCursor`, back by remembering the
 * cursors we came through. A change of `resetKey` (filters, sort) starts again at page one,
 * since a cursor belongs to its sort.
 */
export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; trail: string[] }>({
    key: resetKey,
    trail: [],
  });
  const trail = state.key === resetKey ? state.trail : [];
  return {
    cursor: trail.at(-1),
    number: trail.length + 1,
    next: (cursor) => setState({ key: resetKey, trail: [...trail, cursor] }),
    previous: () => setState({ key: resetKey, trail: trail.slice(0, -1) }),
  };
}

export function CursorPager({
  pages,
  nextCursor,
}: {
  readonly pages: CursorPages;
  readonly nextCursor: string | null;
}) {
  const t = useT(leadMessages);
  if (pages.number === 1 && !nextCursor) return null;
  return (
    <Flex justify="flex-end" align="center" gap="small" style={{ marginTop: 12 }}>
      <Button disabled={pages.number === 1} onClick={pages.previous}>
        {t('page.previous')}
      </Button>
      <Typography.Text aria-live="polite">
        {t('page.number', { page: pages.number })}
      </Typography.Text>
      <Button disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {t('page.next')}
      </Button>
    </Flex>
  );
}

import { Button, Flex, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import { boardMessages } from './messages';

/** Ticks a key action on the deal (the checklist endpoint), with an optional note as evidence. */
export function ActionFix({
  dealId,
  action,
  onFixed,
}: {
  readonly dealId: string;
  readonly action: string;
  readonly onFixed: () => void;
}) {
  const t = useT(boardMessages);
  const [note, setNote] = useState('');
  const tick = useApiMutation(
    (evidence: string) =>
      api.POST('/api/v1/opportunities/{id}/playbook', {
        params: { path: { id: dealId } },
        body: {
          kind: 'action',
          key: action,
          ...(evidence ? { evidence: { note: evidence } } : {}),
        },
      }),
    { invalidates: [['opportunities', dealId]], onSuccess: () => onFixed() },
  );
  // Someone ticked it meanwhile: the first record stands, and the action is done.
  const done = tick.error?.code === 'duplicate';
  useEffect(() => {
    if (done) onFixed();
  }, [done, onFixed]);
  const inputId = `note-${dealId}-${action}`;
  return (
    <Form layout="vertical" onFinish={() => tick.mutate(note.trim())}>
      <Form.Item label={t('gate.note')} htmlFor={inputId}>
        <Flex gap={8} wrap>
          <Input id={inputId} value={note} onChange={(event) => setNote(event.target.value)} />
          <Button type="primary" htmlType="submit" loading={tick.isPending}>
            {t('gate.tick')}
          </Button>
        </Flex>
      </Form.Item>
      {done ? null : <ProblemAlert problem={tick.error} />}
    </Form>
  );
}

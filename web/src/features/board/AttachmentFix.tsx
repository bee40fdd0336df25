import { Form } from 'antd';
import { isAttachmentType, uploadAttachment } from '../../api/attachments';
import type { AttachmentType } from '../../api/attachments';
import { useApiMutation } from '../../api/query';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import { boardMessages } from './messages';

/** Uploads the missing file with the type the gate asks for. */
export function AttachmentFix({
  dealId,
  attachmentType,
  onFixed,
}: {
  readonly dealId: string;
  readonly attachmentType: string;
  readonly onFixed: () => void;
}) {
  const t = useT(boardMessages);
  const upload = useApiMutation(
    ({ file, type }: { file: File; type: AttachmentType }) => uploadAttachment(dealId, type, file),
    { invalidates: [['opportunities', dealId]], onSuccess: () => onFixed() },
  );
  if (!isAttachmentType(attachmentType)) return null;
  const inputId = `file-${dealId}-${attachmentType}`;
  return (
    <Form layout="vertical">
      <Form.Item label={t('gate.upload')} htmlFor={inputId}>
        <input
          id={inputId}
          type="file"
          disabled={upload.isPending}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) upload.mutate({ file, type: attachmentType });
          }}
        />
      </Form.Item>
      <ProblemAlert problem={upload.error} />
    </Form>
  );
}

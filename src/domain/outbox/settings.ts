import { DEFAULT_MAX_ATTEMPTS } from './delivery.js';

/** How this process sends what the outbox holds (from the environment, see config.ts). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string | null;
  readonly password: string | null;
  /** The From address of every e-mail, e.g. `Pipewright <crm@example.com>`. */
  readonly from: string;
}

export interface DeliverySettings {
  /** null: e-mail deliveries fail (and end dead) until SMTP is configured. */
  readonly smtp: SmtpSettings | null;
  /** Attempts per delivery before it is dead-lettered. */
  readonly maxAttempts: number;
  /** How long one HTTP or SMTP attempt may take. */
  readonly timeoutMs: number;
}

export const defaultDeliverySettings: DeliverySettings = {
  smtp: null,
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  timeoutMs: 10_000,
};

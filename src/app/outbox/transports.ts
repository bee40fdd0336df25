import nodemailer from 'nodemailer';
import type { OutboundRequest } from '../../domain/outbox/requests.js';
import type { DeliverySettings, SmtpSettings } from '../../domain/outbox/settings.js';

/**
 * The two ways a delivery leaves the process: an HTTP POST (webhooks, group bots) and an
 * e-mail over SMTP. Interfaces, so tests wrap them (to fail, or to "crash" after sending).
 */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

export interface HttpTransport {
  post(request: OutboundRequest): Promise<HttpResponse>;
}

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Stable per delivery, so a repeated send is recognisably the same message. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

export interface Transports {
  readonly http: HttpTransport;
  /** null when no SMTP server is configured. */
  readonly mail: MailTransport | null;
}

/** POSTs with a time limit; redirects are not followed (a webhook URL is used as given). */
export function fetchTransport(timeoutMs: number): HttpTransport {
  return {
    async post(request) {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Only the start of the answer matters (a bot's error code, a receiver's reason).
      const body = (await response.text()).slice(0, 2000);
      return { status: response.status, body };
    },
  };
}

export function smtpTransport(settings: SmtpSettings, timeoutMs: number): MailTransport {
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        messageId: mail.messageId,
        headers: { ...mail.headers },
      });
    },
  };
}

export function transportsFor(settings: DeliverySettings): Transports {
  return {
    http: fetchTransport(settings.timeoutMs),
    mail: settings.smtp ? smtpTransport(settings.smtp, settings.timeoutMs) : null,
  };
}

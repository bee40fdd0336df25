import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Real receivers for the outbox suites, on 127.0.0.1 and a random port: an HTTP endpoint
 * that checks webhook signatures the way a customer would, can refuse the first N
 * requests, and de-duplicates by idempotency key; and an SMTP server that keeps every
 * message it is given.
 */
export interface ReceivedRequest {
  readonly path: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether the webhook signature checked out (null: none was sent). */
  readonly signatureValid: boolean | null;
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Side effects, once per idempotency key: what a de-duplicating receiver acts on. */
  readonly effects: Map<string, string>;
  /** Answer the next `n` requests with HTTP 500. */
  failNext(n: number): void;
  /** The body to answer 200s with (a bot's `{"errcode":0}`, say); default `ok`. */
  reply(body: string): void;
  /** The webhook secret to verify signatures with. */
  secret: string | null;
  close(): Promise<void>;
}

function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = headers['x-pipewright-timestamp'];
  const signature = headers['x-pipewright-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return (
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

export async function startReceiver(): Promise<Receiver> {
  let failures = 0;
  let answer = 'ok';
  const requests: ReceivedRequest[] = [];
  const effects = new Map<string, string>();
  const receiver = {
    url: '',
    requests,
    effects,
    secret: null as string | null,
    failNext(n: number) {
      failures = n;
    },
    reply(body: string) {
      answer = body;
    },
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = request.headers['x-pipewright-signature'] !== undefined;
      const signatureValid = signed
        ? receiver.secret !== null && verify(receiver.secret, request.headers, body)
        : null;
      let status = 200;
      if (failures > 0) {
        failures -= 1;
        status = 500;
      } else if (signatureValid === false) {
        status = 401;
      }
      const key = request.headers['idempotency-key'];
      if (status === 200 && typeof key === 'string' && !effects.has(key)) effects.set(key, body);
      const url = request.url ?? '/';
      requests.push({
        path: url.split('?')[0] ?? url,
        url,
        headers: request.headers,
        body,
        signatureValid,
        status,
      });
      response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
  header(name: string): string | undefined;
}

export interface MailSink {
  readonly port: number;
  readonly messages: ReceivedMail[];
  close(): Promise<void>;
}

/** The value of a header in a raw message (unfolded), or undefined. */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

export async function startMailSink(): Promise<MailSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
          raw,
          header: (name) => headerOf(raw, name),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

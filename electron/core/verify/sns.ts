// Amazon SNS: the JSON body carries its own signature. Signed is "Key\nValue\n" for a fixed list
// of the message's fields in byte order (Notification: Message, MessageId, Subject, Timestamp,
// TopicArn, Type; subscription messages add SubscribeURL and Token), with RSA-SHA1
// (SignatureVersion 1) or RSA-SHA256 (2), by the certificate at SigningCertURL. The recipe is AWS's
// own sns-validator's, field list and Lambda spellings (SigningCertUrl) included.
// The body is untrusted JSON: parsed once, fields read only when they are strings.
import type { Verification } from '../../contract/index.js';
import { runAsymmetricCheck } from './asymmetric.js';
import { certificateKeys } from './certificates.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { clip, invalid, missing } from './result.js';
import { readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const SNS_HEADER = 'x-amz-sns-message-type';

const REQUIRED = ['Message', 'MessageId', 'Timestamp', 'TopicArn', 'Type', 'Signature', 'SigningCertURL', 'SignatureVersion'] as const;
const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'SubscribeURL', 'Timestamp', 'TopicArn', 'Type'];
const SUBSCRIPTION_FIELDS = ['Message', 'MessageId', 'Subject', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
const SUBSCRIPTION_TYPES = ['SubscriptionConfirmation', 'UnsubscribeConfirmation'];

type SnsMessage = Record<string, unknown>;

export function parseSnsMessage(body: Buffer): SnsMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const message = { ...(parsed as SnsMessage) };
  // Lambda-delivered messages spell two keys differently; sns-validator maps them the same way.
  if ('SigningCertUrl' in message) message.SigningCertURL = message.SigningCertUrl;
  if (message.Subject === null) delete message.Subject;
  return message;
}

/** The string SNS signs, from a parsed message. */
export function snsCanonical(message: SnsMessage): Buffer {
  const fields = message.Type === 'SubscriptionConfirmation' ? SUBSCRIPTION_FIELDS : NOTIFICATION_FIELDS;
  const lines = fields.filter((field) => field in message).map((field) => `${field}\n${String(message[field])}\n`);
  return Buffer.from(lines.join(''), 'utf8');
}

export function verifySns(input: VerificationInput, config: ConfigOf<'sns'>, nowMs: number): Verification {
  const header = findHeader(input.headers, SNS_HEADER);
  const message = parseSnsMessage(input.body);
  if (!message || typeof message.Signature !== 'string') {
    return missing('sns', header ? `${header.name} is there but the body is not an SNS message with a Signature.` : 'No SNS message: the body is not JSON with a Signature.');
  }
  const received = `Signature ${clip(message.Signature, 60)}, SignatureVersion ${String(message.SignatureVersion)}`;
  const absent = REQUIRED.filter((key) => typeof message[key] !== 'string');
  const controls = SUBSCRIPTION_TYPES.includes(String(message.Type)) ? ['SubscribeURL', 'Token'].filter((key) => typeof message[key] !== 'string') : [];
  if (absent.length + controls.length > 0) return invalid('sns', `The SNS message lacks ${[...absent, ...controls].join(', ')}, which SNS always sends.`, { received });
  const version = message.SignatureVersion;
  if (version !== '1' && version !== '2') return invalid('sns', `SignatureVersion ${clip(String(version), 10)} is not one SNS uses (1: SHA1, 2: SHA256).`, { received });
  const source = certificateKeys('sns', config.secret, input, message.SigningCertURL as string, received);
  if (source.verdict) return source.verdict;
  const tolerance = config.toleranceSeconds;
  const reading = tolerance === undefined ? null : readTimestamp(message.Timestamp as string, nowMs, tolerance);
  return runAsymmetricCheck(
    {
      scheme: 'sns',
      keys: source.keys,
      digest: version === '1' ? 'sha1' : 'sha256',
      signedContent: (body) => {
        const parsed = parseSnsMessage(body);
        return parsed ? snsCanonical(parsed) : Buffer.alloc(0);
      },
      signatures: [Buffer.from(message.Signature, 'base64')],
      receivedHeader: received,
      recipe: `RSA-${version === '1' ? 'SHA1' : 'SHA256'} over the ${String(message.Type)}'s signed fields, by the certificate`,
      timestamp: reading,
    },
    input,
  );
}

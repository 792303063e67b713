// Which SMTP answers end an email for good and which are worth another try. The errors are shaped as
// nodemailer throws them (see its smtp-connection: EENVELOPE with rejectedErrors, ESOCKET, ...).
import { deliveryOutcome } from '../../activities/outbox/deliveryOutcome';

const rcptError = (recipient: string, response: string) => ({ code: 'EENVELOPE', command: 'RCPT TO', recipient, response, responseCode: Number(response.slice(0, 3)) });

test('a 5xx for the only recipient is a refusal for good, with the server answer kept', () => {
  const error = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
    code: 'EENVELOPE',
    command: 'RCPT TO',
    responseCode: 501,
    rejectedErrors: [rcptError('x@opd.example.go.id', '501 5.1.3 Bad recipient address syntax')],
  });
  expect(deliveryOutcome(['x@opd.example.go.id'], { error })).toEqual({
    delivered: [],
    refused: [{ address: 'x@opd.example.go.id', response: '501 5.1.3 Bad recipient address syntax' }],
  });
});

test('one recipient refused among several: the others are delivered, nothing is retried', () => {
  const report = { accepted: ['a@x.go.id', 'c@x.go.id'], rejected: [{ address: 'b@x.go.id', response: '550 5.1.1 User unknown', responseCode: 550 }] };
  expect(deliveryOutcome(['a@x.go.id', 'b@x.go.id', 'c@x.go.id'], { report })).toEqual({
    delivered: ['a@x.go.id', 'c@x.go.id'],
    refused: [{ address: 'b@x.go.id', response: '550 5.1.1 User unknown' }],
  });
});

test('a deferred recipient (4xx) is tried again; the refused one is not', () => {
  const error = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
    code: 'EENVELOPE',
    rejectedErrors: [rcptError('a@x.go.id', '452 4.2.2 Mailbox full'), rcptError('b@x.go.id', '550 5.1.1 User unknown')],
  });
  expect(deliveryOutcome(['a@x.go.id', 'b@x.go.id'], { error })).toEqual({
    delivered: [],
    refused: [{ address: 'b@x.go.id', response: '550 5.1.1 User unknown' }],
    retryBecause: '452 4.2.2 Mailbox full',
  });
});

test.each([
  ['the server is down', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1025'), { code: 'ESOCKET' })],
  ['the connection timed out', Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })],
  ['a greylisting 451 on the message', { code: 'EMESSAGE', command: 'DATA', response: '451 4.7.1 Try again later', responseCode: 451 }],
  ['the server refuses our sender (a configuration fault, not the recipient)', { code: 'EENVELOPE', command: 'MAIL FROM', response: '553 5.7.1 Sender not allowed', responseCode: 553 }],
  ['the login fails', { code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 Authentication failed', responseCode: 535 }],
  ['503 bad sequence', { code: 'EENVELOPE', command: 'DATA', response: '503 5.5.1 Bad sequence of commands', responseCode: 503 }],
])('transient when %s: nobody refused, tried again', (_, error) => {
  const outcome = deliveryOutcome(['a@x.go.id'], { error });
  expect(outcome.refused).toEqual([]);
  expect(outcome.delivered).toEqual([]);
  expect(outcome.retryBecause).toBeTruthy();
});

test('a 5xx refusal of the message itself refuses it for every recipient', () => {
  const error = { code: 'EMESSAGE', command: 'DATA', response: '554 5.6.0 Message rejected', responseCode: 554 };
  expect(deliveryOutcome(['a@x.go.id', 'b@x.go.id'], { error })).toEqual({
    delivered: [],
    refused: [
      { address: 'a@x.go.id', response: '554 5.6.0 Message rejected' },
      { address: 'b@x.go.id', response: '554 5.6.0 Message rejected' },
    ],
  });
});

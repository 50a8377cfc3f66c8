/**
 * The decision on one posted registration, before reg-core's controller sees it: cheap checks
 * first (sizes, honeypot, the proof's signature), database work last (the proof used once, the
 * rate limits), so a flood of bots without a valid proof costs no database write at all.
 */
import type { Core } from '@strapi/strapi';
import { countAttempt, pruneGuardTables, useProofOnce } from './guard-store';
import { keyedHash, normaliseEmail } from './keyed-hash';
import { oneMoreStepPage } from './one-more-step-page';
import { checkProofOfWork } from './proof-of-work';
import { readGuardSettings, type GuardSettings } from './settings';
import { readSubmission, type Submission } from './submission-fields';
import { checkTicket, issueTicket, type TicketCheck } from './ticket';

export interface GuardRequest {
  body: unknown;
  /** Content-Length, when the client sent one. */
  declaredBytes?: number;
  clientAddress: string;
  /** A plain HTML form post (no JavaScript), which may get the "one more step" page. */
  isFormPost: boolean;
  language: 'sl' | 'en';
}

export type RefusalOutcome = 'invalid' | 'proof' | 'rate-limited' | 'unavailable';

export type GuardVerdict =
  { kind: 'pass' } | { kind: 'refuse'; outcome: RefusalOutcome } | { kind: 'one-more-step'; html: string };

const PASS: GuardVerdict = { kind: 'pass' };
const refuse = (outcome: RefusalOutcome): GuardVerdict => ({ kind: 'refuse', outcome });
const NO_PROOF = refuse('proof');

/** Pruning is housekeeping: once a minute per instance is plenty. */
const PRUNE_EVERY_MS = 60_000;

type ProofUse = { proofHash: string; usedUntil: Date };

export function createSubmissionGuard(strapi: Core.Strapi) {
  const settings = readGuardSettings(strapi);
  let prunedAt = 0;

  const ticketOf = (submission: Submission, now: Date) =>
    checkTicket(submission.ticket, submission, { secret: settings.secret, minAgeMs: settings.ticketMinAgeMs, now });

  async function workProof(altcha: string, now: Date): Promise<ProofUse | null> {
    const proof = await checkProofOfWork(altcha, settings.secret, now);
    return proof.valid
      ? { proofHash: keyedHash(settings.secret, 'pow', proof.proofId), usedUntil: proof.usedUntil }
      : null;
  }

  const ticketProof = (ticket: TicketCheck): ProofUse | null =>
    ticket.valid
      ? { proofHash: keyedHash(settings.secret, 'ticket', ticket.proofId), usedUntil: ticket.usedUntil }
      : null;

  async function withinLimits(request: GuardRequest, submission: Submission, now: Date): Promise<boolean> {
    const counted = [{ scope: 'address', value: request.clientAddress, limit: settings.limits.address }];
    if (submission.email.trim())
      counted.push({ scope: 'email', value: normaliseEmail(submission.email), limit: settings.limits.email });
    for (const { scope, value, limit } of counted) {
      const keyHash = keyedHash(settings.secret, scope, value);
      const attempts = await countAttempt(strapi.db, { scope, keyHash, windowMs: limit.windowMs, now });
      if (attempts > limit.max) return false;
    }
    return true;
  }

  async function pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now.getTime();
    await pruneGuardTables(strapi.db, now, longestWindowMs(settings));
  }

  return async function check(request: GuardRequest, now = new Date()): Promise<GuardVerdict> {
    if (!settings.secret) return refuse('unavailable');
    const submission = readSubmission(request.body, request.declaredBytes);
    if (!submission) return refuse('invalid');
    if (submission.website.trim()) return NO_PROOF;
    if (!submission.altcha && !submission.ticket) return withoutProof(request, submission, now);
    let proof: ProofUse | null;
    if (submission.altcha) proof = await workProof(submission.altcha, now);
    else {
      const ticket = ticketOf(submission, now);
      // Clicked "one more step" at once: the page again with the same ticket, not a refusal that
      // loses the form; a bot learns nothing it did not know, and nothing is stored.
      if (request.isFormPost && !ticket.valid && ticket.reason === 'early')
        return oneMoreStep(request, submission, submission.ticket, true);
      proof = ticketProof(ticket);
    }
    if (!proof) return NO_PROOF;
    await pruneNowAndThen(now);
    if (!(await useProofOnce(strapi.db, proof.proofHash, proof.usedUntil))) return NO_PROOF;
    if (!(await withinLimits(request, submission, now))) return refuse('rate-limited');
    return PASS;
  };

  /** A form without JavaScript gets a ticket to post again later; anything else is refused. */
  function withoutProof(request: GuardRequest, submission: Submission, now: Date): GuardVerdict {
    if (!request.isFormPost) return NO_PROOF;
    return oneMoreStep(request, submission, issueTicket(settings.secret, submission, now));
  }

  function oneMoreStep(request: GuardRequest, submission: Submission, ticket: string, early = false): GuardVerdict {
    return { kind: 'one-more-step', html: oneMoreStepPage(request.language, submission, ticket, early) };
  }
}

const longestWindowMs = (settings: GuardSettings) =>
  Math.max(settings.limits.address.windowMs, settings.limits.email.windowMs);

export type SubmissionGuard = ReturnType<typeof createSubmissionGuard>;

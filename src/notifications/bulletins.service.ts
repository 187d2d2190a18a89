import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions } from '../database/transactions.js';
import { BULLETIN_MAX_TEXT, type CreateBulletinDto, type NotificationLinkDto } from './dto/notification.dto.js';
import { toBulletinResponse, type BulletinResponse } from './dto/notification.response.js';
import type { PublishedNotification } from './notification-dispatcher.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationErrors } from './notifications.errors.js';
import { NotificationsService, toPublished } from './notifications.service.js';

/** A publication time may lag the server clock by this much (the client's clock, the request's travel). */
const CLOCK_SKEW_MS = 60_000;

/**
 * Bulletins (thông báo): staff write to a committee subtree in their scope, now or at a set time.
 * A bulletin is a notification of kind `bulletin`; until its publishAt members see nothing of it and
 * staff may cancel it (DELETE); once out it stays until it expires.
 */
@Injectable()
export class BulletinsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: NotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<BulletinResponse>> {
    const page = await this.repo.listBulletins(principal, query);
    const now = new Date();
    return { ...page, items: page.items.map((n) => toBulletinResponse(n, now)) };
  }

  async get(principal: Principal, id: string): Promise<BulletinResponse> {
    return toBulletinResponse(await this.repo.findBulletin(this.tx.none, principal, id));
  }

  async create(principal: Principal, dto: CreateBulletinDto): Promise<BulletinResponse> {
    const text = dto.text.trim();
    if (text.length > BULLETIN_MAX_TEXT) throw NotificationErrors.bulletinTooLarge(BULLETIN_MAX_TEXT);
    const link = dto.link ? checkLink(dto.link) : null;
    const now = Date.now();
    let publishAt = new Date(now);
    if (dto.publishAt !== undefined) {
      const at = new Date(dto.publishAt);
      if (Number.isNaN(at.getTime())) throw ApiError.validation({ publishAt: 'publishAt must be an ISO 8601 date-time' });
      if (at.getTime() < now - CLOCK_SKEW_MS) throw NotificationErrors.publishAtPast();
      if (at.getTime() > now) publishAt = at;
    }
    return this.tx.run(async (tx) => {
      // outside the caller's subtree: the committee's 404, as for a missing one
      const committee = await this.committees.findInScope(tx, principal, dto.committeeId);
      if (committee.archivedAt)
        throw ApiError.validation({
          committeeId: 'the committee is archived (merged or dissolved); write to the committee that replaced it',
        });
      const published = await this.notifications.publish(
        {
          kind: 'bulletin',
          title: dto.title,
          body: text,
          link,
          audience: { committeeId: committee.id },
          publishAt,
          createdBy: principal.id,
        },
        tx,
      );
      await this.audit.record(tx, principal, {
        action: 'bulletin.create',
        entityType: 'bulletin',
        entityId: published!.id,
        committeeId: committee.id,
        details: { title: published!.title, publishAt: publishAt.toISOString() },
      });
      return toBulletinResponse(await this.repo.findBulletin(tx, principal, published!.id));
    });
  }

  /** Cancels a scheduled bulletin (answers it as it was); one already out: 409 BULLETIN_ALREADY_PUBLISHED. */
  async cancel(principal: Principal, id: string): Promise<BulletinResponse> {
    let cancelled: PublishedNotification | undefined;
    const response = await this.tx.run(async (tx) => {
      const bulletin = await this.repo.findBulletin(tx, principal, id, true);
      if (bulletin.publishAt.getTime() <= Date.now()) throw NotificationErrors.alreadyPublished();
      await this.repo.delete(tx, bulletin.id);
      await this.audit.record(tx, principal, {
        action: 'bulletin.cancel',
        entityType: 'bulletin',
        entityId: bulletin.id,
        committeeId: bulletin.audienceCommitteeId,
        details: { title: bulletin.title, publishAt: bulletin.publishAt.toISOString() },
      });
      cancelled = toPublished(bulletin);
      return toBulletinResponse(bulletin);
    });
    if (cancelled) await this.notifications.cancelled(cancelled);
    return response;
  }
}

/** A content link is a uuid; a `url` link an https address. */
function checkLink(link: NotificationLinkDto): { type: NotificationLinkDto['type']; id: string } {
  const id = link.id.trim();
  if (link.type === 'url') {
    let url: URL;
    try {
      url = new URL(id);
    } catch {
      throw NotificationErrors.invalidLink('link.id must be an https URL');
    }
    if (url.protocol !== 'https:') throw NotificationErrors.invalidLink('link.id must be an https URL');
    return { type: 'url', id: url.toString() };
  }
  if (!isUuid(id)) throw NotificationErrors.invalidLink(`link.id must be the uuid of the ${link.type}`);
  return { type: link.type, id: id.toLowerCase() };
}

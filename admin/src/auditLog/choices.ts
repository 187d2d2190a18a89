import { AUDIT_ENTITY_TYPES } from '../types';

/** The actions the API records (see resources.audit-log.actions.*). */
export const AUDIT_ACTIONS = [
    'account.bulk_issue',
    'committee.create',
    'committee.update',
    'committee.delete',
    'committee.move',
    'committee.merge',
    'committee.phase',
    'correction.create',
    'correction.list',
    'correction.approve',
    'correction.reject',
    'document.create',
    'document.update',
    'document.delete',
    'document.file_attach',
    'document.file_detach',
    'faq.create',
    'faq.update',
    'faq.delete',
    'faq.unanswered.convert',
    'faq.unanswered.dismiss',
    'member.create',
    'member.update',
    'member.end',
    'member.transfer',
    'member.import',
    'member.export',
    'member.list',
    'member.install',
    'member.self_export',
    'news.create',
    'news.update',
    'news.delete',
    'training.create',
    'training.update',
    'training.delete',
    'user.create',
    'user.update',
    'user.list',
    'user.reset_password',
] as const;

export const actionChoices = AUDIT_ACTIONS.map(id => ({
    id,
    name: `resources.audit-log.actions.${id}`,
}));

export const entityTypeChoices = AUDIT_ENTITY_TYPES.map(id => ({
    id,
    name: `resources.audit-log.entity_types.${id}`,
}));

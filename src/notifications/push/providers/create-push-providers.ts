import type { AppConfig } from '../../../config/app-config.js';
import { ApnsProvider } from './apns.provider.js';
import { FcmProvider } from './fcm.provider.js';
import type { PushProvider, PushProviderName, PushTarget } from './push-provider.js';
import { WebPushProvider } from './web-push.provider.js';

/** The three push services, each on or off by its credentials. */
export class PushProviders {
  constructor(
    readonly webpush: WebPushProvider,
    readonly fcm: FcmProvider,
    readonly apns: ApnsProvider,
  ) {}

  get all(): PushProvider[] {
    return [this.webpush, this.fcm, this.apns];
  }

  /** The provider that delivers to this target (check `.enabled` before giving it work). */
  for(target: PushTarget | PushProviderName): PushProvider {
    return this[typeof target === 'string' ? target : target.provider];
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((provider) => provider.close()));
  }
}

const LABELS: Record<PushProviderName, string> = { webpush: 'Web Push', fcm: 'FCM', apns: 'APNs' };

/**
 * The push providers from the validated configuration (loadConfig refused partial credentials), with
 * one start-log line each saying whether it is on and where it sends, or why it is off.
 */
export function createPushProviders(config: AppConfig, logger: { log(message: string): void }): PushProviders {
  const options = (concurrency: number) => ({ concurrency, timeoutMs: config.PUSH_TIMEOUT_MS });
  const providers = new PushProviders(
    new WebPushProvider(config, options(config.PUSH_CONCURRENCY_WEBPUSH)),
    new FcmProvider(config, options(config.PUSH_CONCURRENCY_FCM)),
    new ApnsProvider(config, options(config.PUSH_CONCURRENCY_APNS)),
  );
  const where: Record<PushProviderName, () => string> = {
    webpush: () => `VAPID subject ${config.WEB_PUSH_SUBJECT}, ${config.PUSH_CONCURRENCY_WEBPUSH} at once`,
    fcm: () => `project ${config.FCM_PROJECT_ID} at ${config.FCM_BASE_URL}, ${config.PUSH_CONCURRENCY_FCM} at once`,
    apns: () => `topic ${config.APNS_TOPIC} at ${config.APNS_BASE_URL}, ${config.PUSH_CONCURRENCY_APNS} at once`,
  };
  for (const provider of providers.all) {
    logger.log(
      provider.enabled
        ? `${LABELS[provider.name]}: on (${where[provider.name]()})`
        : `${LABELS[provider.name]}: off (${provider.disabledReason})`,
    );
  }
  return providers;
}

import { answer, api, ApiError } from './api';
import { uuid } from './ids';

/** This install's id, generated on first run and kept: the server counts the install once per id. */
export function deviceId(): string {
  const key = 'sotay.app.deviceId';
  let id = localStorage.getItem(key);
  if (!id) {
    id = `web-${uuid()}`;
    localStorage.setItem(key, id);
  }
  return id;
}

export const APP_VERSION = '0.1.0';

/** Registers this install (POST /api/me/devices, platform web) after each login; idempotent per device id. */
export async function registerInstall(): Promise<void> {
  try {
    await api.POST('/api/me/devices', { body: { deviceId: deviceId(), platform: 'web', appVersion: APP_VERSION } });
  } catch (e) {
    // offline or refused (too many devices): the app works without it and tries again at the next login
    if (!(e instanceof ApiError)) throw e;
  }
}

export const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Whether this browser is subscribed to the server's Web Push now. */
export async function pushSubscribed(): Promise<boolean> {
  if (!pushSupported()) return false;
  const reg = await navigator.serviceWorker.getRegistration('/app/');
  return !!(await reg?.pushManager.getSubscription());
}

/**
 * Subscribes this browser to Web Push with the server's VAPID key and hands the subscription to the
 * server (PUT /api/me/devices/{deviceId}/push). Throws a Vietnamese message when it cannot.
 */
export async function enablePush(): Promise<void> {
  if (!pushSupported()) throw new Error('Trình duyệt này không nhận được thông báo đẩy. Bạn vẫn xem thông báo trong mục Thông báo.');
  const config = await answer(api.GET('/api/me/web-push'));
  if (!config.enabled || !config.vapidPublicKey)
    throw new Error('Máy chủ chưa bật thông báo đẩy. Bạn vẫn xem thông báo trong mục Thông báo.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('Bạn chưa cho phép thông báo. Hãy cho phép trong phần cài đặt trang của trình duyệt.');
  const reg = await navigator.serviceWorker.ready;
  let subscription = await reg.pushManager.getSubscription();
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(config.vapidPublicKey) });
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await registerInstall();
  await api.PUT('/api/me/devices/{deviceId}/push', {
    params: { path: { deviceId: deviceId() } },
    body: { push: { provider: 'webpush', subscription: { endpoint: json.endpoint, keys: json.keys } } },
  });
}

export async function disablePush(): Promise<void> {
  const reg = await navigator.serviceWorker.getRegistration('/app/');
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
  await api.PUT('/api/me/devices/{deviceId}/push', { params: { path: { deviceId: deviceId() } }, body: { push: null } });
}

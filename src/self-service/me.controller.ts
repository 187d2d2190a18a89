import { Controller, Delete, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { CorrectionsService } from './corrections.service.js';
import { CreateCorrectionDto } from './dto/correction.dto.js';
import { MyCorrectionResponse } from './dto/correction.response.js';
import { RegisterDeviceDto, UpdateDevicePushDto } from './dto/device.dto.js';
import { DeviceResponse, WebPushConfigResponse } from './dto/device.response.js';
import { MeResponse } from './dto/me.response.js';
import { MeService } from './me.service.js';
import { MAX_ACTIVE_DEVICES } from './self-service.rules.js';
import { SelfServiceErrorCode } from './self-service.errors.js';

/** The mobile app's member: their own record, installs and correction requests (the data export is the privacy module's). Staff have no member record. */
@ApiTags('me')
@Controller('me')
@Roles('member')
@ApiErrors(401)
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly corrections: CorrectionsService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getMe', summary: "The member's own record, with their branch and the committees above it" })
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal): Promise<MeResponse> {
    return this.me.profile(user);
  }

  @Get('devices')
  @ApiOperation({ operationId: 'listMyDevices', summary: "The member's app installs, newest first (unregistered ones included)" })
  @ApiOkResponse({ type: DeviceResponse, isArray: true })
  @ApiErrors(404)
  devices(@CurrentUser() user: Principal): Promise<DeviceResponse[]> {
    return this.me.devices(user);
  }

  @Get('web-push')
  @ApiOperation({
    operationId: 'getMyWebPushConfig',
    summary: 'The VAPID public key to subscribe a browser to Web Push with (the member web app)',
    description:
      'The web app passes `vapidPublicKey` to `pushManager.subscribe({ userVisibleOnly: true, applicationServerKey })` and sends the ' +
      'subscription with `PUT /api/me/devices/{deviceId}/push`. `enabled: false` (and a null key) while the server has no VAPID credentials.',
  })
  @ApiOkResponse({ type: WebPushConfigResponse })
  webPush(): WebPushConfigResponse {
    return this.me.webPushConfig();
  }

  @Post('devices')
  @ApiOperation({
    operationId: 'registerMyDevice',
    summary: 'Register this install after login (idempotent per deviceId)',
    description:
      `201 on the first registration of a deviceId, 200 on a repeat (the same row, refreshed). The member's first ever ` +
      `registration sets their installedAt. At most ${MAX_ACTIVE_DEVICES} devices are registered at once (409 beyond). ` +
      `An install is one member's at a time: one registered (and not unregistered) by another member answers 404. ` +
      `\`push\` sets where notifications are pushed (a Web Push subscription, or an FCM or APNs token); absent, the stored ` +
      `one stays. A malformed subscription answers 400 ${SelfServiceErrorCode.PushSubscriptionInvalid}, a Web Push endpoint ` +
      `outside the real push services 400 ${SelfServiceErrorCode.PushEndpointNotAllowed}; nothing is registered then.`,
  })
  @ApiBody({ type: RegisterDeviceDto })
  // one body type for both successes (the project's OpenAPI rule, for client generators)
  @ApiCreatedResponse({ type: DeviceResponse, description: 'Registered: a new install' })
  @ApiOkResponse({ type: DeviceResponse, description: 'Registered before: the same row, refreshed' })
  @ApiErrors(400, 404, {
    400: [SelfServiceErrorCode.PushSubscriptionInvalid, SelfServiceErrorCode.PushEndpointNotAllowed],
    409: [SelfServiceErrorCode.TooManyDevices],
  })
  async register(
    @CurrentUser() user: Principal,
    @Body() body: RegisterDeviceDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeviceResponse> {
    const { device, created } = await this.me.registerDevice(user, body);
    reply.status(created ? 201 : 200);
    return device;
  }

  @Put('devices/:deviceId/push')
  @ApiOperation({
    operationId: 'setMyDevicePush',
    summary: "Set or remove (null) a registered install's push subscription",
    description:
      'For an app that gets its push token after registering, or whose token the provider rotated. The target ' +
      'moves to this install from any other row that held it. Unregistering an install removes its subscription too.',
  })
  @ApiParam({ name: 'deviceId', description: 'The install id given at registration' })
  @ApiBody({ type: UpdateDevicePushDto })
  @ApiOkResponse({ type: DeviceResponse })
  @ApiErrors(400, 404, { 400: [SelfServiceErrorCode.PushSubscriptionInvalid, SelfServiceErrorCode.PushEndpointNotAllowed] })
  setPush(@CurrentUser() user: Principal, @Param('deviceId') deviceId: string, @Body() body: UpdateDevicePushDto): Promise<DeviceResponse> {
    return this.me.setDevicePush(user, deviceId, body.push);
  }

  @Delete('devices/:deviceId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'unregisterMyDevice', summary: 'Unregister an install (logout, uninstall); installedAt stays' })
  @ApiParam({ name: 'deviceId', description: 'The install id given at registration' })
  @ApiNoContentResponse({ description: 'Unregistered' })
  @ApiErrors(404)
  async unregister(@CurrentUser() user: Principal, @Param('deviceId') deviceId: string): Promise<void> {
    await this.me.unregisterDevice(user, deviceId);
  }

  @Get('corrections')
  @ApiOperation({ operationId: 'listMyCorrections', summary: "The member's correction requests, newest first" })
  @ApiOkResponse({ type: MyCorrectionResponse, isArray: true })
  @ApiErrors(404)
  correctionsList(@CurrentUser() user: Principal): Promise<MyCorrectionResponse[]> {
    return this.corrections.listOwn(user);
  }

  @Post('corrections')
  @ApiOperation({
    operationId: 'createMyCorrection',
    summary: 'Ask the branch secretary to correct personal fields of the own record',
    description: 'Validated like the members API on the record as it would be; per-field errors are keyed `changes.<field>`.',
  })
  @ApiBody({ type: CreateCorrectionDto })
  @ApiCreatedResponse({ type: MyCorrectionResponse })
  @ApiErrors(400, 404, { 409: [SelfServiceErrorCode.TooManyPendingCorrections] })
  correctionsCreate(@CurrentUser() user: Principal, @Body() body: CreateCorrectionDto): Promise<MyCorrectionResponse> {
    return this.corrections.create(user, body);
  }
}

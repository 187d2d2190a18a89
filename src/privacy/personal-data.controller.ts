import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { MeExport } from './dto/me-export.response.js';
import { PersonalDataService } from './personal-data.service.js';

@ApiTags('me')
@Controller('me')
@Roles('member')
@ApiErrors(401)
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('export')
  @ApiOperation({
    operationId: 'exportMe',
    summary: 'Download everything the system holds about the member as JSON (audited)',
    description:
      'Record, transfers, devices, account and sessions, correction requests, the audit lines about them (action, time, actor role), ' +
      'the surveys and quizzes answered (with the answers, unless the survey was anonymous) and the days of app use kept for the ' +
      'statistics. The individual openings and views behind those days (kept for the retention window, then purged) are not listed one by one.',
  })
  @ApiOkResponse({
    type: MeExport,
    headers: {
      'Content-Disposition': { description: 'attachment; filename="du-lieu-ca-nhan-<YYYY-MM-DD>.json"', schema: { type: 'string' } },
    },
  })
  @ApiErrors(404)
  async export(@CurrentUser() user: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeExport> {
    const { body, filename } = await this.personalData.export(user);
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    reply.header('Cache-Control', 'no-store');
    return body;
  }
}

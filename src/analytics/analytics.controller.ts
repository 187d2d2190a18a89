import { Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { Body, Query } from '../common/params.js';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { CSV_CONTENT_TYPE, installRatesCsv, installTimelineCsv, topContentCsv, visitsChildrenCsv, visitsCsv, type CsvFile } from './csv.js';
import { InstallRatesResponse, InstallTimelineResponse } from './dto/install-rates.response.js';
import {
  CommitteeReportQuery,
  InstallRatesQuery,
  MAX_TOP_CONTENT,
  TopContentQuery,
  VisitsQuery,
  WindowQuery,
} from './dto/report-query.dto.js';
import { PurgeRequestDto, PurgeResponse } from './dto/purge.dto.js';
import { RolloutResponse } from './dto/rollout.response.js';
import { TopContentResponse, VisitsResponse } from './dto/visits.response.js';
import { InstallRatesService, TIMELINE_DEFAULT_DAYS } from './install-rates.service.js';
import { PartitionsService } from './partitions.service.js';
import { MAX_WINDOW_DAYS } from './report-scope.js';
import { RolloutReportService } from './rollout-report.service.js';
import { VISITS_DEFAULT_DAYS, VisitsService } from './visits.service.js';

/** A report as JSON, or (`format=csv`) as a CSV file. */
const jsonOrCsv = (type: new () => unknown, csv: string) =>
  ApiOkResponse({
    description: `JSON, or with \`format=csv\` a CSV file (UTF-8 with a BOM; \`Content-Disposition: attachment; filename="${csv}"\`)`,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(type) } },
      'text/csv': { schema: { type: 'string' } },
    },
  });
const file = (f: CsvFile) =>
  new StreamableFile(f.body, { type: CSV_CONTENT_TYPE, disposition: `attachment; filename="${f.filename}"`, length: f.body.length });

const WINDOW = `\`from\`/\`to\`: Vietnam dates, both included, at most ${MAX_WINDOW_DAYS} days apart.`;
const SCOPE = "Scope-aware: a committee outside the caller's subtree answers 404.";

@ApiTags('analytics')
@Controller('analytics')
@ApiErrors(401)
@ApiExtraModels(InstallRatesResponse, InstallTimelineResponse, VisitsResponse, TopContentResponse)
export class AnalyticsController {
  constructor(
    private readonly installRates: InstallRatesService,
    private readonly visitsReport: VisitsService,
    private readonly rollout: RolloutReportService,
    private readonly partitions: PartitionsService,
    private readonly config: AppConfig,
  ) {}

  @Get('install-rates')
  @Roles('admin', 'committee_admin', 'secretary')
  @ApiOperation({
    operationId: 'getInstallRates',
    summary: "Install rates of a committee's subtree and of each direct sub-committee's subtree",
    description:
      'Counts the current members (not left) wherever they stand in each subtree: members, installed, ' +
      'rate = installed / members (0 without members), by status (official, probationary), the exempted, and the ' +
      `not-installed members by recorded reason. Read from counters kept up to date by the database, not recounted. ${SCOPE}`,
  })
  @jsonOrCsv(InstallRatesResponse, 'ty-le-cai-dat-<id>-<YYYYMMDD>.csv')
  @ApiErrors(400, 404)
  async getInstallRates(@CurrentUser() user: Principal, @Query() query: InstallRatesQuery): Promise<InstallRatesResponse | StreamableFile> {
    const report = await this.installRates.report(user, query.committeeId);
    return query.format === 'csv' ? file(installRatesCsv(report, query.delimiter)) : report;
  }

  @Get('install-rates/timeline')
  @Roles('admin', 'committee_admin', 'secretary')
  @ApiOperation({
    operationId: 'getInstallTimeline',
    summary: "Installs per day of a committee's subtree, cumulated, with the rate over today's members",
    description:
      'Counts the current members by the date of their first install (Vietnam time): a member who left is out of ' +
      "the whole series, a transferred member counts where they are now. `members` is today's count on every day: " +
      `the register keeps no daily history of it. Default window: the last ${TIMELINE_DEFAULT_DAYS} days. ${WINDOW} ${SCOPE}`,
  })
  @jsonOrCsv(InstallTimelineResponse, 'cai-dat-theo-ngay-<id>-<from>-<to>.csv')
  @ApiErrors(400, 404)
  async getInstallTimeline(@CurrentUser() user: Principal, @Query() query: WindowQuery): Promise<InstallTimelineResponse | StreamableFile> {
    const report = await this.installRates.timeline(user, query);
    return query.format === 'csv' ? file(installTimelineCsv(report, query.delimiter)) : report;
  }

  @Get('visits')
  @Roles('admin', 'committee_admin', 'editor')
  @ApiOperation({
    operationId: 'getVisits',
    summary:
      "Visits of a committee's subtree: the daily series, totals, the average per day with its window, DAU/MAU and each sub-committee",
    description:
      'A visit is an app start (`app_open`). Activity counts toward the committees the member stood under when the ' +
      'event arrived. `averagePerDay` states the window it was computed over. DAU: members active on `to`; MAU: members ' +
      'active in the calendar month of `to`. `compare=true` adds the previous window of the same length and the change. ' +
      '`format=csv` answers the daily series; with `rows=children`, each direct sub-committee and its average per day (the same rule as ' +
      `\`averagePerDay\`: its own days with data, today left out). Default window: the last ${VISITS_DEFAULT_DAYS} days. ${WINDOW} ${SCOPE}`,
  })
  @jsonOrCsv(VisitsResponse, 'luot-truy-cap-<id>-<from>-<to>.csv')
  @ApiErrors(400, 404)
  async getVisits(@CurrentUser() user: Principal, @Query() query: VisitsQuery): Promise<VisitsResponse | StreamableFile> {
    const report = await this.visitsReport.visits(user, query);
    if (query.format !== 'csv') return report;
    return file(query.rows === 'children' ? visitsChildrenCsv(report, query.delimiter) : visitsCsv(report, query.delimiter));
  }

  @Get('top-content')
  @Roles('admin', 'committee_admin', 'editor')
  @ApiOperation({
    operationId: 'getTopContent',
    summary: "The most viewed documents and news of a committee's subtree in a window",
    description:
      'Views per item are kept for every committee, down to the branch, as the tree stood when each view arrived. ' +
      `\`limit\` 1-${MAX_TOP_CONTENT} (default 10). Default window: the last ${VISITS_DEFAULT_DAYS} days. ${WINDOW} ${SCOPE}`,
  })
  @jsonOrCsv(TopContentResponse, 'noi-dung-xem-nhieu-<id>-<from>-<to>.csv')
  @ApiErrors(400, 404)
  async getTopContent(@CurrentUser() user: Principal, @Query() query: TopContentQuery): Promise<TopContentResponse | StreamableFile> {
    const report = await this.visitsReport.topContent(user, query);
    return query.format === 'csv' ? file(topContentCsv(report, query.delimiter)) : report;
  }

  @Get('rollout')
  @Roles('admin', 'committee_admin', 'secretary')
  @ApiOperation({
    operationId: 'getRolloutOverview',
    summary: 'Rollout overview: the direct sub-committees per phase ("16/16 live") and the phase history for the timeline',
    description: SCOPE,
  })
  @ApiOkResponse({ type: RolloutResponse })
  @ApiErrors(400, 404)
  getRollout(@CurrentUser() user: Principal, @Query() query: CommitteeReportQuery): Promise<RolloutResponse> {
    return this.rollout.overview(user, query.committeeId);
  }

  @Post('maintenance/purge')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    operationId: 'purgeExpiredEvents',
    summary: 'Drop the raw events older than the retention window now (it also runs daily); rollups stay; audited',
  })
  @ApiBody({ type: PurgeRequestDto, required: false, description: 'No fields: the cutoff follows EVENT_RETENTION_MONTHS' })
  @ApiOkResponse({ type: PurgeResponse })
  @ApiErrors(400)
  async purge(@CurrentUser() user: Principal, @Body() _body: PurgeRequestDto): Promise<PurgeResponse> {
    const result = await this.partitions.purge(user);
    return { ...result, retentionMonths: this.config.EVENT_RETENTION_MONTHS };
  }
}

import { Controller, Delete, Get, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { CreateTrainingDto, UpdateTrainingDto } from './dto/training.dto.js';
import { TrainingResponse } from './dto/training.response.js';
import { TrainingsService } from './trainings.service.js';
import { MembersErrorCode } from '../members/members.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** Training sessions on the handbook (hội nghị tập huấn), kept by the committee that held them. */
@ApiTags('trainings')
@Controller('trainings')
@Roles('admin', 'committee_admin')
@ApiErrors(401, 403)
export class TrainingsController {
  constructor(private readonly trainings: TrainingsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listTrainings',
    summary: "Training sessions held by committees in the caller's scope (admin-list contract)",
    description:
      'Filters: `committeeId` (the whole subtree), `from` and `to` (held on or after / on or before, YYYY-MM-DD), `q` (topic, without diacritics), `id`. ' +
      'Sort: `heldOn` (default, newest first), `topic`, `attendees`.',
  })
  @AdminList('trainings', TrainingResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<TrainingResponse>> {
    return this.trainings.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTraining', summary: 'One training session' })
  @idParam()
  @ApiOkResponse({ type: TrainingResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<TrainingResponse> {
    return this.trainings.get(user, id);
  }

  @Post()
  @ApiOperation({ operationId: 'createTraining', summary: 'Record a training session held by a committee in scope' })
  @ApiBody({ type: CreateTrainingDto })
  @ApiCreatedResponse({ type: TrainingResponse })
  @ApiErrors(400, { 409: [MembersErrorCode.CommitteeArchived] })
  create(@CurrentUser() user: Principal, @Body() body: CreateTrainingDto): Promise<TrainingResponse> {
    return this.trainings.create(user, body);
  }

  @Put(':id')
  @ApiOperation({ operationId: 'updateTraining', summary: 'Update a training session' })
  @idParam()
  @ApiBody({ type: UpdateTrainingDto })
  @ApiOkResponse({ type: TrainingResponse })
  @ApiErrors(400, 404, 409)
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateTrainingDto): Promise<TrainingResponse> {
    return this.trainings.update(user, id, body);
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'deleteTraining', summary: 'Delete a training session; answers the deleted record' })
  @idParam()
  @ApiOkResponse({ type: TrainingResponse })
  @ApiErrors(404)
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<TrainingResponse> {
    return this.trainings.remove(user, id);
  }
}

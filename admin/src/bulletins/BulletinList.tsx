import { Stack, useMediaQuery, type Theme } from '@mui/material';
import { CreateButton, DataTable, FilterButton, List, SearchInput, SelectInput, SimpleList, useTranslate } from 'react-admin';
import { CommitteeInput } from '../documents/content';
import { formatVietnamDateTime } from '../common/vietnamTime';
import { BulletinStatusChip, BulletinStatusField, bulletinStatusChoices, VietnamDateTimeField, type BulletinStatus } from './fields';
import { ActionsToolbar } from '../common/ActionsToolbar';

interface BulletinRecord {
  id: string;
  title: string;
  committeeName: string | null;
  status: BulletinStatus;
  publishAt: string;
}

const bulletinFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.bulletins.fields.q')} />,
  <SelectInput key="status" source="status" choices={bulletinStatusChoices} alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton label="resources.bulletins.actions.create" />
  </ActionsToolbar>
);

const Col = DataTable.Col<BulletinRecord>;

/** Bulletins (thông báo) sent to committees of the caller's subtree, scheduled ones included, newest first. */
export const BulletinList = () => {
  const translate = useTranslate();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      filters={bulletinFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'publishAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      {phone ? (
        <SimpleList<BulletinRecord>
          linkType="show"
          primaryText={(record) => record.title}
          secondaryText={(record) => (
            <Stack component="span" spacing={0.5} sx={{ display: 'flex' }}>
              <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                <BulletinStatusChip status={record.status} />
                <span>{formatVietnamDateTime(record.publishAt)}</span>
              </Stack>
              <span>{record.committeeName ?? ''}</span>
            </Stack>
          )}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <Col source="title" />
          <Col source="committeeName" disableSort />
          <Col source="status" disableSort>
            <BulletinStatusField />
          </Col>
          <Col source="publishAt">
            <VietnamDateTimeField source="publishAt" />
          </Col>
        </DataTable>
      )}
    </List>
  );
};

/**
 * The page "Prijave na delavnice" (main menu): the workshops with registrations, and with
 * ?workshop=<documentId> one workshop's registrations. The server lists only what the staff
 * member's role allows (cms/src/registration-admin/permissions.ts).
 */
import { useSearchParams } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useWorkshopList } from './api';
import { useRegistrationMessages } from './messages';
import { WorkshopList } from './WorkshopList';
import { WorkshopRegistrations } from './WorkshopRegistrations';

function AllWorkshops() {
  const message = useRegistrationMessages();
  const { value, error } = useWorkshopList();
  if (error) return <Page.Error content={error} />;
  if (!value) return <Page.Loading />;
  return (
    <>
      <Layouts.Header title={message('list.title')} subtitle={message('list.subtitle')} />
      <Layouts.Content>
        <WorkshopList workshops={value} />
      </Layouts.Content>
    </>
  );
}

export default function RegistrationsPage() {
  const message = useRegistrationMessages();
  const [search] = useSearchParams();
  const workshop = search.get('workshop');
  return (
    <Page.Main>
      <Page.Title>{message('list.title')}</Page.Title>
      {workshop ? <WorkshopRegistrations key={workshop} documentId={workshop} /> : <AllWorkshops />}
    </Page.Main>
  );
}

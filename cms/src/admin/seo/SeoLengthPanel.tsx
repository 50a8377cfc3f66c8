/**
 * The edit view's "SEO" side panel: how long the meta title and description of the language
 * being edited are, against the limits of the shared.seo component, updated as staff type. The
 * limits themselves are enforced on save; this shows them before it.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import ownEnglish from '../translations/en.json';
// The copy of content-types/schemas/components/shared/seo.json that the sync script writes for Strapi.
import seoComponent from '../../components/shared/seo.json';

type SeoValues = { metaTitle?: string | null; metaDescription?: string | null } | null;
type Message = keyof typeof ownEnglish;

const LIMITS = {
  metaTitle: seoComponent.attributes.metaTitle.maxLength,
  metaDescription: seoComponent.attributes.metaDescription.maxLength,
} as const;

function Count({ label, length, limit }: { label: string; length: number; limit: number }) {
  const over = length > limit;
  return (
    <Flex justifyContent="space-between" width="100%">
      <Typography variant="omega">{label}</Typography>
      <Typography variant="omega" fontWeight="bold" textColor={over ? 'danger600' : 'neutral800'}>
        {length} / {limit}
      </Typography>
    </Flex>
  );
}

export const SeoLengthPanel: PanelComponent = () => {
  const { formatMessage } = useIntl();
  const text = (id: Message) => formatMessage({ id, defaultMessage: ownEnglish[id] });
  // Only types with the seo component have the key (null until staff add the group).
  const seo = useForm('SeoLengthPanel', (state) => {
    const values = state.values as Record<string, unknown>;
    return 'seo' in values ? ((values.seo ?? null) as SeoValues) : undefined;
  });
  if (seo === undefined) return null;
  // UTF-16 units, as Strapi's maxLength check on save counts them.
  const lengthOf = (value: string | null | undefined) => (value ?? '').length;
  return {
    title: text('seo.lengths.title'),
    content: (
      <Box width="100%">
        <Flex direction="column" gap={2} alignItems="stretch">
          <Count label={text('seo.lengths.metaTitle')} length={lengthOf(seo?.metaTitle)} limit={LIMITS.metaTitle} />
          <Count
            label={text('seo.lengths.metaDescription')}
            length={lengthOf(seo?.metaDescription)}
            limit={LIMITS.metaDescription}
          />
          <Typography variant="pi" textColor="neutral600">
            {text('seo.lengths.hint')}
          </Typography>
        </Flex>
      </Box>
    ),
  };
};

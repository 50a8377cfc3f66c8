import { factories } from '@strapi/strapi';
import { publicReadRouteConfig } from '../../../utils/route-config';

export default factories.createCoreRouter('api::navigation.navigation', { config: publicReadRouteConfig() });

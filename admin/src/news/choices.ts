import { NEWS_CATEGORIES } from '../types';

/** Choices whose names are translation keys (inputs translate them). */
export const newsCategoryChoices = NEWS_CATEGORIES.map((id) => ({
  id,
  name: `resources.news.categories.${id}`,
}));

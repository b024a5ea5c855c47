/** Where the dashboard is served ('/admin/'), from vite.config.ts's `base`; ends with a slash. */
export const BASE_PATH: string = import.meta.env.BASE_URL;
